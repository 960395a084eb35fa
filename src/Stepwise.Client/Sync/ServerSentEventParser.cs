using System.Text;

namespace Stepwise.Client.Sync;

/// <summary>
/// The event-stream line format: <c>field: value</c> lines accumulate until a blank line dispatches the event;
/// lines starting with a colon are comments (heartbeats). Multi-line data is joined with newlines.
/// </summary>
internal sealed class ServerSentEventParser
{
    private readonly StringBuilder _data = new();
    private string? _event;
    private bool _hasData;

    /// <summary>Feeds one line (without its terminator); returns a message when the line completes one.</summary>
    public ServerSentEvent? Feed(string line)
    {
        if (line.Length == 0)
        {
            return Dispatch();
        }
        if (line[0] == ':')
        {
            return null;
        }
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? "" : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }
        switch (field)
        {
            case "event":
                _event = value;
                break;
            case "data":
                if (_hasData)
                {
                    _data.Append('\n');
                }
                _data.Append(value);
                _hasData = true;
                break;
        }
        return null;
    }

    private ServerSentEvent? Dispatch()
    {
        var message = _hasData ? new ServerSentEvent(_event ?? "message", _data.ToString()) : null;
        _data.Clear();
        _event = null;
        _hasData = false;
        return message;
    }
}

/// <summary>One dispatched server-sent event.</summary>
internal sealed record ServerSentEvent(string Event, string Data);
