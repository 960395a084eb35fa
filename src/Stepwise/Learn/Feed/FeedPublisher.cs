using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Learn.Model;

namespace Stepwise.Learn.Feed;

/// <summary>
/// Queues one chat message per active webhook for each thing that enters the company feed (the lessons of a closed,
/// non-private retrospective; a Fail Wall post). Staged in the caller's unit of work, so a message exists only if the
/// write it announces was saved; <see cref="WebhookSender"/> delivers it.
/// </summary>
public sealed class FeedPublisher(StepwiseDb db, TimeProvider time)
{
    public async Task StageLessonsAsync(Retrospective retro, string unit, IReadOnlyList<Lesson> lessons, CancellationToken ct)
    {
        if (lessons.Count == 0) return;
        var lines = string.Join("\n", lessons.Select(l => $"• _{LearnValidation.Text(l.Source)}_: {Escape(l.Text)}"));
        await StageAsync($"Lessons from {retro.Title}",
            $"*{lessons.Count} new lesson{(lessons.Count == 1 ? "" : "s")} from {Escape(retro.Title)}* ({Escape(unit)})\n{lines}", ct);
    }

    public Task StageFailPostAsync(FailPost post, string unit, CancellationToken ct) =>
        StageAsync($"Fail Wall: {Clip(post.WhatFailed, 200)}",
            $"*New on the Fail Wall of {Escape(unit)}*\n*What failed:* {Escape(post.WhatFailed)}\n*What we learned:* {Escape(post.WhatWeLearned)}", ct);

    private async Task StageAsync(string title, string text, CancellationToken ct)
    {
        var hooks = await db.LearnWebhooks.AsNoTracking().Where(h => h.Active).Select(h => h.Id).ToListAsync(ct);
        var now = time.GetUtcNow();
        // Slack's incoming-webhook format: "text" is required and shown in notifications; mrkdwn is on by default.
        var payload = JsonSerializer.Serialize(new { text });
        foreach (var hook in hooks)
        {
            db.LearnWebhookDeliveries.Add(new WebhookDelivery
            {
                Id = Guid.CreateVersion7(now), SubscriptionId = hook, Title = Clip(title, 300), Payload = payload,
                State = DeliveryState.Pending, NextAttemptAt = now, CreatedAt = now,
            });
        }
    }

    /// <summary>Slack's three control characters; everything else is sent as written.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
