using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Identity;

namespace Stepwise.Notifications.Api;

/// <summary>Everyone's own inbox; the webhook delivery log is for administrators.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder routes)
    {
        var inbox = routes.MapGroup("/api/notifications").WithTags("Notifications");
        inbox.MapGet("", async (NotificationService s, ClaimsPrincipal user, bool? unreadOnly, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await s.InboxAsync(user, unreadOnly ?? false, limit ?? NotificationService.DefaultLimit, ct)))
            .WithName("ListNotifications").WithSummary("The signed-in user's notifications, newest first, with the unread count.");
        inbox.MapPost("/{id:guid}/read", async (NotificationService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.MarkReadAsync(user, id, ct)))
            .WithName("MarkNotificationRead").WithSummary("Marks one of your notifications as read.");
        inbox.MapPost("/read-all", async (NotificationService s, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(new { marked = await s.MarkAllReadAsync(user, ct) }))
            .WithName("MarkAllNotificationsRead").WithSummary("Marks all your notifications as read.");
        inbox.MapGet("/webhooks/deliveries", async (NotificationService s, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await s.DeliveriesAsync(limit ?? 100, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithName("ListNotificationWebhookDeliveries").WithSummary("The latest notification webhook deliveries with their attempts and errors.");
        return routes;
    }
}
