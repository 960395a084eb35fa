using System.Net;
using System.Text;
using Xunit;

namespace Stepwise.Cli.Tests;

/// <summary>The in-process entry point with an injected handler, as a server test would use it.</summary>
public sealed class InProcessTests
{
    [Fact]
    public async Task RunAsync_InjectedHandler_CarriesEveryRequestAndIsNotDisposed()
    {
        var handler = new CannedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"dryRun":true,"applied":false,"people":{"created":1,"updated":0,"unchanged":0},"errorCount":0,"errors":[]}""", Encoding.UTF8, "application/json"),
        });
        using var cli = new CliRunner { Handler = handler };
        var people = cli.WriteFile("people.csv", "email,name\n");

        var first = await cli.RunAsync("import", "--people", people, "--dry-run", "--server", "http://localhost", "--token", "swp_a");
        var second = await cli.RunAsync("import", "--people", people, "--dry-run", "--server", "http://localhost", "--token", "swp_a");

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("http://localhost/api/org/import?dryRun=true", handler.Requests[0].ToString());
    }

    [Fact]
    public async Task RunAsync_Cancelled_Returns130WithoutStackTrace()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new CannedHandler(_ =>
        {
            cancellation.Cancel();
            throw new TaskCanceledException("cancelled", null, cancellation.Token);
        });
        using var cli = new CliRunner();
        var people = cli.WriteFile("people.csv", "email,name\n");
        using var error = new StringWriter();
        var env = new CliEnvironment
        {
            Error = error,
            HttpMessageHandler = handler,
            WorkingDirectory = cli.WorkingDirectory,
        };

        var code = await CliApp.RunAsync(["import", "--people", people, "--server", "http://localhost", "--token", "swp_a"], env, cancellation.Token);

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Equal("stepwise: cancelled", error.ToString().Trim());
    }

    private sealed class CannedHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!);
            if (request.Content is not null)
            {
                await request.Content.ReadAsByteArrayAsync(cancellationToken);
            }

            return respond(request);
        }
    }
}
