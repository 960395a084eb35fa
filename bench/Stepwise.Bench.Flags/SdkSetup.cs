using System.Net;
using Stepwise.Client;

namespace Stepwise.Bench.Flags;

/// <summary>A started SDK client that got the benchmark payload from an in-process server and then stays idle.</summary>
internal static class SdkSetup
{
    public static StepwiseClient StartClient()
    {
        var client = new StepwiseClient(
            new StepwiseOptions
            {
                BaseUrl = new Uri("http://stepwise.bench/"),
                ClientKey = "bench",
                Streaming = false,
                PollInterval = TimeSpan.FromHours(1),
                TrackExposures = false,
            },
            new HttpClient(new PayloadHandler()));
        client.StartAsync().GetAwaiter().GetResult();
        return client;
    }

    private sealed class PayloadHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(BenchPayloads.Json) });
    }
}
