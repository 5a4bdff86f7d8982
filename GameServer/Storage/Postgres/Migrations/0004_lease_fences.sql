-- The greatest fencing token that wrote under each lease (cluster mode): a write carrying a smaller
-- one comes from an owner that lost its lease, and is refused in its own transaction.
CREATE TABLE lease_fences (
    name text PRIMARY KEY,
    token bigint NOT NULL
);
