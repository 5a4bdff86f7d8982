using System.Net;
using System.Net.Sockets;

namespace GameServer.Tests.Support;

/// <summary>
/// A loopback TCP relay to a server that a test can cut, as a network partition cuts one node off while
/// the others stay connected: <see cref="Cut"/> drops every connection through it and refuses new ones
/// until <see cref="Mend"/>. What is sent while it is cut is lost, as on a real partition.
/// </summary>
internal sealed class CuttableLink : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _cut;

    private CuttableLink(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Where to connect instead of the server: <c>127.0.0.1:port</c>.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>A link to <paramref name="address"/> (<c>host:port</c> on loopback).</summary>
    public static CuttableLink To(string address) => new(IPEndPoint.Parse(address.Split(',')[0]));

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            _open.ForEach(socket => socket.Dispose());
            _open.Clear();
        }
    }

    public void Mend() => _cut = false;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                client.Dispose();
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        lock (_open)
        {
            _open.Add(client);
            _open.Add(server);
        }

        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), either.Token),
                server.GetStream().CopyToAsync(client.GetStream(), either.Token));
            await either.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // Cut, or one side went away: both are closed below.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
