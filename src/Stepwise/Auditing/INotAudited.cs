namespace Stepwise.Auditing;

/// <summary>
/// Rows the <see cref="AuditingInterceptor"/> writes no entry for: rows whose author must never be recorded (anonymous
/// survey answers, where an entry would pair the signed-in author and the time with the contents), and derived rows
/// rebuilt from audited ones (search index entries, webhook deliveries), where an entry would only repeat theirs.
/// </summary>
public interface INotAudited;
