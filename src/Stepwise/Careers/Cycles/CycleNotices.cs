using Stepwise.Data;
using Stepwise.Notifications;

namespace Stepwise.Careers.Cycles;

/// <summary>The notifications a cycle sends, in the app and by webhook, saved in the same save as the change that causes them.</summary>
public sealed class CycleNotices(Notifier notifier)
{
    public const string FinalizedTopic = "careers.cycle.finalized";
    public const string ReminderTopic = "careers.cycle.reminder";

    public void Send(StepwiseDb db, string topic, string title, string body, string? link, IEnumerable<Guid> recipients)
    {
        var people = recipients.ToList();
        if (people.Count > 0) notifier.Notify(db, new NotificationMessage(topic, title, body, link), people);
    }
}
