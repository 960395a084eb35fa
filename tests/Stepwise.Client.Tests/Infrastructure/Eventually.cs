namespace Stepwise.Client.Tests.Infrastructure;

/// <summary>Waits (in real time) for background work to reach a state.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string because, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Timed out waiting: {because}");
            }
            await Task.Delay(10);
        }
    }

    /// <summary>A loopback port that refuses connections: bound once, then released.</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
