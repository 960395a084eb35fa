using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Stepwise.Flags.Evaluation;

namespace Stepwise.Client.FeatureManagement;

/// <summary>
/// The default accessor: the signed-in user's id claim becomes the <c>id</c> attribute (plus any configured claims).
/// Built once per request and kept in <see cref="HttpContext.Items"/>, so a page that checks many flags pays once.
/// Outside a request, or for an anonymous user, the context is empty: percentage rollouts then exclude the unit.
/// </summary>
public sealed class HttpUserContextAccessor(IHttpContextAccessor http, IOptions<StepwiseFeatureManagementOptions> options) : IStepwiseContextAccessor
{
    private static readonly object ItemKey = new();

    /// <inheritdoc />
    public EvaluationContext GetContext()
    {
        if (http.HttpContext is not { } context)
        {
            return EvaluationContext.Empty;
        }
        if (context.Items.TryGetValue(ItemKey, out var cached) && cached is EvaluationContext built)
        {
            return built;
        }
        var unit = Build(context);
        context.Items[ItemKey] = unit;
        return unit;
    }

    private EvaluationContext Build(HttpContext context)
    {
        var user = context.User;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in options.Value.UserIdClaimTypes)
        {
            if (user.FindFirst(type)?.Value is { Length: > 0 } id)
            {
                attributes["id"] = id;
                break;
            }
        }
        foreach (var (claimType, attribute) in options.Value.ClaimAttributes)
        {
            if (user.FindFirst(claimType)?.Value is { } value)
            {
                attributes[attribute] = value;
            }
        }
        return attributes.Count == 0
            ? EvaluationContext.Empty
            : new EvaluationContext { Attributes = JsonSerializer.SerializeToElement(attributes) };
    }
}
