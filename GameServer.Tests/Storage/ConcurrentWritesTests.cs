using GameServer.Storage;
using GameServer.Storage.LiteDb;
using GameServer.Tests.Support;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Storage;

/// <summary>
/// Writes to the LiteDB file go one at a time. Left to LiteDB, writers queued for a collection each
/// held a transaction (past 100 of them: "Maximum number of transactions reached"), and concurrent
/// writers to different collections corrupted its free-page list (LiteDB #2825).
/// </summary>
[Category("Integration")]
[CancelAfter(120_000)]
public sealed class ConcurrentWritesTests
{
    private sealed record Entry(int Id, int Writer, int Number);

    [Test]
    public void Two_hundred_writers_at_once_all_land()
    {
        const int Writers = 200;
        using var directory = new TempDirectory();
        using var database = Open(directory);
        var entries = database.Collection<Entry>("entries");
        using var start = new Barrier(Writers);
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();

        // Real threads, all released together: each begins a transaction and holds it a moment, so that
        // without one lock the others queue inside LiteDB, every one of them with a transaction open.
        var threads = Enumerable.Range(0, Writers).Select(writer => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                database.InTransaction(() =>
                {
                    entries.Insert(new Entry(0, writer, 0));
                    Thread.Sleep(1);
                });
            }
            catch (Exception error)
            {
                errors.Add(error);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.That(errors.Select(e => e.Message).Distinct(), Is.Empty);
        Assert.That(entries.Count(), Is.EqualTo(Writers));
    }

    [Test]
    public void Writers_to_different_collections_at_once_leave_every_record_readable()
    {
        const int Writers = 6;
        const int Transactions = 300;
        using var directory = new TempDirectory();
        using (var database = Open(directory))
        {
            // Made before the writers start, so that they share one mapping of the type: LiteDB's mapper publishes a
            // mapping before it is complete. (A duplicate 0 was still seen twice in suites under heavy load; cause open.)
            var collections = Enumerable.Range(0, Writers).Select(writer => database.Collection<Entry>($"entries_{writer}")).ToList();
            var tasks = Enumerable.Range(0, Writers).Select(writer => Task.Run(() =>
            {
                var collection = collections[writer];
                for (var i = 0; i < Transactions; i++)
                {
                    // Inserts and deletes free pages and take them again, in every collection at once.
                    database.InTransaction(() =>
                    {
                        var id = collection.Insert(new Entry(0, writer, i)).AsInt32;
                        collection.Insert(new Entry(0, writer, -i));
                        collection.Delete(id);
                    });
                }
            })).ToArray();
            Task.WaitAll(tasks);
        }

        using var reopened = Open(directory);
        for (var writer = 0; writer < Writers; writer++)
        {
            var numbers = reopened.Collection<Entry>($"entries_{writer}").FindAll().Select(e => e.Number).Order().ToList();
            Assert.That(numbers, Is.EqualTo(Enumerable.Range(0, Transactions).Select(i => -i).Order()), $"collection entries_{writer}");
        }
    }

    private static GameDatabase Open(TempDirectory directory) =>
        new(Options.Create(new StorageOptions { Path = directory.File("game.db") }), NullLogger<GameDatabase>.Instance);
}
