using System.Net;
using System.Net.Http.Headers;

namespace Stepwise.Client.Sync;

/// <summary>
/// <c>GET /api/features/{clientKey}</c> with <c>If-None-Match</c>: a 304 costs the server no payload and the
/// client no parsing.
/// </summary>
internal sealed class PayloadFetcher(StepwiseOptions options, Func<HttpClient> http, TimeProvider time, FeatureStore store)
{
    private readonly Uri _address = ServerAddress.Payload(options);
    private EntityTagHeaderValue? _etag;

    /// <summary>Fetches once; failures are recorded in the store's status, never thrown (except caller cancellation).</summary>
    public async Task<bool> FetchAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, _address);
        if (_etag is { } etag)
        {
            request.Headers.IfNoneMatch.Add(etag);
        }
        try
        {
            using var response = await http().SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            switch (response.StatusCode)
            {
                case HttpStatusCode.NotModified:
                    store.RecordContact();
                    return true;
                case HttpStatusCode.OK:
                    var json = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                    var applied = store.Apply(json, PayloadOrigin.Server);
                    // Remember the ETag only for a payload we could use, so a fixed payload is fetched in full.
                    _etag = applied == PayloadApplyResult.Rejected ? null : response.Headers.ETag;
                    return applied != PayloadApplyResult.Rejected;
                case HttpStatusCode.NotFound:
                    store.RecordError($"payload fetch: unknown client key (HTTP 404 from {_address})");
                    return false;
                default:
                    store.RecordError($"payload fetch: HTTP {(int)response.StatusCode} from {_address}");
                    return false;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            store.RecordError($"payload fetch timed out after {options.RequestTimeout}");
            return false;
        }
        catch (HttpRequestException e)
        {
            store.RecordError($"payload fetch failed: {e.Message}");
            return false;
        }
    }
}
