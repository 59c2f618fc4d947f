using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace VisionTracker.IntegrationTests.Support;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) on a free loopback port. It keeps every message it
/// accepts, parsed with MimeKit, and refuses recipients named in <see cref="RejectedRecipients"/> with a 550.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<MimeMessage> received = new();
    private Task? running;

    private SmtpTestServer(int port) => Port = port;

    public int Port { get; }

    public ConcurrentDictionary<string, bool> RejectedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<MimeMessage> Messages => [.. received];

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public static async Task<SmtpTestServer> StartAsync()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var server = new SmtpTestServer(port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(server.received));
        services.Add(new Filter(server.RejectedRecipients));
        server.running = new SmtpServer.SmtpServer(options, services).StartAsync(server.stop.Token);
        await server.WaitUntilListeningAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        await stop.CancelAsync();
        if (running is not null)
        {
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
                // Stopping is what was asked for.
            }
        }

    }

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; ; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (i < 100)
            {
                await Task.Delay(20);
            }
        }
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(ConcurrentDictionary<string, bool> rejected) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!rejected.ContainsKey(to.AsAddress()));
    }
}
