namespace Stepwise.Auditing;

/// <summary>
/// An entity whose creation may be anonymous. The audit interceptor writes its "Created" entry with no actor and a
/// time rounded down to the hour, so the log cannot be lined up with who was signed in at that second.
/// </summary>
public interface IAnonymousAuthorship
{
    bool WrittenAnonymously { get; }
}
