using System.Net;
using System.Net.Http.Headers;
using System.Reflection;

namespace Stepwise.Cli;

/// <summary>The server address, the token and the HTTP client of one CLI run, with uniform error mapping.</summary>
internal sealed class ServerConnection : IDisposable
{
    public const string DefaultServer = "http://127.0.0.1:5080";
    public const string ServerVariable = "STEPWISE_SERVER";
    public const string TokenVariable = "STEPWISE_TOKEN";

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    private ServerConnection(Uri baseUri, string token, HttpClient http, TimeSpan timeout)
    {
        BaseUri = baseUri;
        _http = http;
        _timeout = timeout;
        _http.Timeout = timeout;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var version = typeof(ServerConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("stepwise-cli", version.Split('+')[0]));
    }

    /// <summary>Server base address, always ending in a slash.</summary>
    public Uri BaseUri { get; }

    /// <summary>Where users create a personal access token.</summary>
    public Uri TokensPage => new(BaseUri, "account/tokens");

    /// <summary>Resolves the server address and token (options first, then environment) or fails.</summary>
    public static ServerConnection Open(string? serverOption, string? tokenOption, CliEnvironment env)
    {
        var baseUri = ResolveServer(serverOption, env);
        var token = tokenOption ?? env.GetEnvironmentVariable(TokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new CliFailure(
                ExitCodes.Failure,
                $"no token: pass --token or set {TokenVariable}. Create a personal access token at {new Uri(baseUri, "account/tokens")}");
        }

        var http = env.HttpMessageHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) }, disposeHandler: true);
        return new ServerConnection(baseUri, token.Trim(), http, env.HttpTimeout);
    }

    /// <summary>Validates the server address; it must be an absolute http or https URL.</summary>
    public static Uri ResolveServer(string? serverOption, CliEnvironment env)
    {
        var raw = serverOption;
        var source = "--server";
        if (string.IsNullOrWhiteSpace(raw))
        {
            raw = env.GetEnvironmentVariable(ServerVariable);
            source = ServerVariable;
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            raw = DefaultServer;
        }

        raw = raw.Trim();
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new CliFailure(ExitCodes.BadInput, $"{source}: '{raw}' is not a server address; expected an http or https URL such as {DefaultServer}");
        }

        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
    }

    public Uri Endpoint(string relative) => new(BaseUri, relative);

    /// <summary>Sends a request; connection failures and timeouts become one-line failures (exit 1).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TaskCanceledException)
        {
            throw new CliFailure(ExitCodes.Failure, $"no response from {BaseUri} within {_timeout.TotalSeconds:0} s; the server may still be working");
        }
        catch (HttpRequestException ex)
        {
            throw new CliFailure(ExitCodes.Failure, $"cannot reach the server at {BaseUri}: {Describe(ex)}. Check --server or {ServerVariable}.");
        }
    }

    /// <summary>Reads a response body; a broken connection becomes a one-line failure.</summary>
    public async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            throw new CliFailure(ExitCodes.Failure, $"the connection to {BaseUri} broke while reading the response: {ex.Message}");
        }
    }

    /// <summary>The failure for a non-success status that the command does not handle itself.</summary>
    public CliFailure UnexpectedStatus(HttpResponseMessage response, string body, string action)
    {
        var status = (int)response.StatusCode;
        var problem = ProblemParser.TryParse(body);
        var detail = Summarize(problem);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new CliFailure(
                ExitCodes.Failure,
                $"authentication failed (HTTP 401): the server did not accept the token (missing, mistyped, expired or revoked). Create a personal access token at {TokensPage} and pass it with --token or {TokenVariable}."),
            HttpStatusCode.Forbidden => new CliFailure(
                ExitCodes.Failure,
                $"permission denied (HTTP 403): {action} requires the Admin or HR role. Ask an administrator for the role, or create a token at {TokensPage} while signed in as an account that has it."),
            HttpStatusCode.NotFound => new CliFailure(
                ExitCodes.Failure,
                $"not found (HTTP 404) at {response.RequestMessage?.RequestUri}: is {BaseUri} a Stepwise server?"),
            HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.UnprocessableEntity =>
                new CliFailure(ExitCodes.BadInput, BadRequestLines(status, response.ReasonPhrase, problem, detail)),
            _ when status >= 500 => new CliFailure(
                ExitCodes.Failure,
                $"server error (HTTP {status}) while {action}{(detail is null ? "" : ": " + detail)}"),
            _ => new CliFailure(
                ExitCodes.Failure,
                $"unexpected response (HTTP {status} {response.ReasonPhrase}) while {action}{(detail is null ? "" : ": " + detail)}"),
        };
    }

    private static List<string> BadRequestLines(int status, string? reason, ProblemDetails? problem, string? detail)
    {
        var lines = new List<string> { $"the server rejected the request (HTTP {status}{(detail is null ? " " + reason : "")}){(detail is null ? "" : ": " + detail)}" };
        foreach (var error in problem?.Errors ?? [])
        {
            lines.Add(error.Field is null ? $"  {error.Message}" : $"  {error.Field}: {error.Message}");
        }

        return lines;
    }

    private static string? Summarize(ProblemDetails? problem)
    {
        if (problem is null)
        {
            return null;
        }

        var parts = new[] { problem.Title, problem.Detail }.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct().ToArray();
        return parts.Length == 0 ? null : string.Join(" — ", parts);
    }

    private static string Describe(HttpRequestException ex)
    {
        var inner = ex.InnerException;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner is null || inner.Message == ex.Message ? ex.Message : $"{ex.Message} ({inner.Message})";
    }

    public void Dispose() => _http.Dispose();
}
