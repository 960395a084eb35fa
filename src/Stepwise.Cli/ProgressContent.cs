using System.Net;

namespace Stepwise.Cli;

/// <summary>A request body sent in chunks, reporting the number of bytes written so far.</summary>
internal sealed class ProgressContent : HttpContent
{
    private const int ChunkSize = 64 * 1024;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly Action<long> _onProgress;

    public ProgressContent(ReadOnlyMemory<byte> body, string mediaType, Action<long> onProgress)
    {
        _body = body;
        _onProgress = onProgress;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        long sent = 0;
        _onProgress(0);
        while (sent < _body.Length)
        {
            var chunk = _body.Slice((int)sent, (int)Math.Min(ChunkSize, _body.Length - sent));
            await stream.WriteAsync(chunk, cancellationToken);
            sent += chunk.Length;
            _onProgress(sent);
        }

        await stream.FlushAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
