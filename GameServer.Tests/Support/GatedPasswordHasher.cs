using System.Collections.Concurrent;
using GameServer.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Support;

/// <summary>
/// A password hasher the test holds shut: while closed, each hash blocks its thread, as PBKDF2 does
/// for ~80 ms, until <see cref="Open"/>. It tells the test when a hash is held, and on what kind of thread.
/// </summary>
public sealed class GatedPasswordHasher : IPasswordHasher<User>, IDisposable
{
    private readonly PasswordHasher<User> _inner = new(Options.Create(new PasswordHasherOptions { IterationCount = 1 }));
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly SemaphoreSlim _held = new(0);

    /// <summary>For every hash computed, whether it ran on a thread-pool thread.</summary>
    public ConcurrentQueue<bool> OnThreadPool { get; } = new();

    public void Close() => _open.Reset();

    public void Open() => _open.Set();

    /// <summary>Completes once another hash is blocked behind the closed gate.</summary>
    public async Task WaitUntilHeldAsync()
    {
        if (!await _held.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("no hash reached the gate");
        }
    }

    public string HashPassword(User user, string password)
    {
        Pass();
        return _inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Pass();
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    public void Dispose()
    {
        _open.Set();
        _open.Dispose();
        _held.Dispose();
    }

    private void Pass()
    {
        OnThreadPool.Enqueue(Thread.CurrentThread.IsThreadPoolThread);
        if (!_open.IsSet)
        {
            _held.Release();
            _open.Wait(TimeSpan.FromSeconds(20));
        }
    }
}
