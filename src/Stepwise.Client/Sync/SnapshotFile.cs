using System.Text;

namespace Stepwise.Client.Sync;

/// <summary>
/// The payload as last received, on disk, for a cold start while the server is down. Writes go to a temporary
/// file in the same directory which is then renamed over the old one, so a crash mid-write never leaves a torn
/// snapshot behind.
/// </summary>
internal static class SnapshotFile
{
    public static string? TryRead(string path, out string? error)
    {
        error = null;
        try
        {
            return File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"snapshot '{path}' could not be read: {e.Message}";
            return null;
        }
    }

    public static void WriteAtomically(string path, string json)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Encoding.UTF8.GetBytes(json));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
