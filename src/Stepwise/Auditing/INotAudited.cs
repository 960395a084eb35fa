namespace Stepwise.Auditing;

/// <summary>
/// Rows whose author must never be recorded (anonymous survey answers). The <see cref="AuditingInterceptor"/> writes no
/// entry for them: an entry would pair the signed-in author and the time with the row's contents.
/// </summary>
public interface INotAudited;
