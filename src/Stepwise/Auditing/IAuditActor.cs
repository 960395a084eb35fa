namespace Stepwise.Auditing;

/// <summary>Who is making the current change. The server resolves it from the signed-in user; background work uses <see cref="SystemAuditActor"/>.</summary>
public interface IAuditActor
{
    Guid? UserId { get; }
    string Name { get; }
}

public sealed class SystemAuditActor : IAuditActor
{
    public static readonly SystemAuditActor Instance = new();
    public Guid? UserId => null;
    public string Name => "system";
}
