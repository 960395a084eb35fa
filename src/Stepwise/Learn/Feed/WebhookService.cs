using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Learn.Model;

namespace Stepwise.Learn.Feed;

/// <summary>Chat webhooks for the company feed, and their delivery log. Administrators manage them: a webhook URL is a secret.</summary>
public sealed class WebhookService(StepwiseDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken ct) =>
        await db.LearnWebhooks.AsNoTracking().OrderBy(h => h.Name).Select(h => new WebhookView(h.Id, h.Name, h.Url, h.Active, h.CreatedAt)).ToListAsync(ct);

    public async Task<Outcome<WebhookView>> CreateAsync(ClaimsPrincipal user, WebhookRequest request, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Admin)) return Outcome<WebhookView>.Forbidden("Only administrators manage webhooks.");
        var errors = new FieldErrors().Require("name", request.Name, 100).Require("url", request.Url, 2000);
        if (!string.IsNullOrWhiteSpace(request.Url)
            && !(Uri.TryCreate(request.Url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            errors.Add("url", "'url' must be an absolute http or https address.");
        if (errors.Any) return Outcome<WebhookView>.Invalid(errors);
        var hook = new WebhookSubscription { Id = Guid.CreateVersion7(time.GetUtcNow()), Name = request.Name!.Trim(), Url = request.Url!.Trim(), CreatedAt = time.GetUtcNow() };
        db.LearnWebhooks.Add(hook);
        await db.SaveChangesAsync(ct);
        return new WebhookView(hook.Id, hook.Name, hook.Url, hook.Active, hook.CreatedAt);
    }

    public async Task<IReadOnlyList<WebhookDeliveryView>> DeliveriesAsync(int take, CancellationToken ct) =>
        await db.LearnWebhookDeliveries.AsNoTracking().OrderByDescending(d => d.CreatedAt).Take(take)
            .Join(db.LearnWebhooks.AsNoTracking(), d => d.SubscriptionId, h => h.Id, (d, h) => new WebhookDeliveryView(d.Id, d.SubscriptionId, h.Name, d.Title, d.State,
                d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt))
            .ToListAsync(ct);
}
