using Microsoft.Data.Sqlite;

namespace Stepwise.Server.Tests.Infrastructure;

/// <summary>
/// Throwaway files the fixtures put in the temp folder, and their best-effort removal: a full run creates hundreds,
/// so each owner deletes its own once the app or connection using them is gone. A file that cannot be deleted
/// stays behind; that never fails a test.
/// </summary>
public static class TempFiles
{
    /// <summary>A fresh path in the temp folder, e.g. <c>/tmp/stepwise-test-&lt;guid&gt;.db</c>. Nothing is created.</summary>
    public static string NewPath(string prefix, string extension) =>
        Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}{extension}");

    /// <summary>Deletes a SQLite database file with its write-ahead log, shared-memory index and rollback journal.</summary>
    public static void DeleteSqliteDatabase(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:") return;
        // Idle pooled connections keep the file open; in-use ones (other tests' files) are only closed when returned.
        SqliteConnection.ClearAllPools();
        Delete(path, path + "-wal", path + "-shm", path + "-journal");
    }

    /// <summary>Deletes a DuckDB database file with its write-ahead log and its spill folder.</summary>
    public static void DeleteDuckDbDatabase(string path)
    {
        Delete(path, path + ".wal");
        DeleteDirectory(path + ".tmp");
    }

    public static void Delete(params string[] paths)
    {
        foreach (var path in paths)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still locked or not ours: leave it.
            }
        }
    }

    /// <summary>Deletes a folder and everything in it; false when something was left (still in use).</summary>
    public static bool DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes a folder that a process which just stopped may still be writing to (a database server removing its
    /// socket and lock files), trying a few times.
    /// </summary>
    public static async Task DeleteDirectoryAsync(string path)
    {
        for (var attempt = 1; !DeleteDirectory(path) && attempt < 5; attempt++) await Task.Delay(200);
    }
}
