using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Delivery.Lifecycle;

/// <summary>
/// Creates features and moves them through the loop. A phase changes only through a recorded gate decision, and the
/// hypothesis is fixed once users have the feature, so a result cannot be re-read against goals written after it.
/// </summary>
public sealed class FeatureService(StepwiseDb db, DeliveryPermissions permissions, FeatureReader reader, Guard.SnapshotReader analyses, TimeProvider time)
{
    public async Task<Outcome<FeatureDetails>> CreateAsync(ClaimsPrincipal user, CreateFeatureRequest request, CancellationToken ct)
    {
        var key = DeliveryValidation.NormalizeKey(request.Key);
        var errors = new FieldErrors().Key("key", key).Require("name", request.Name, 200).Limit("summary", request.Summary, 4000);
        var (statement, success, guardrails) = errors.Hypothesis(request.Hypothesis);
        var flags = errors.FlagKeys(request.FlagKeys);
        await CheckOwnerAsync(request.OwnerUnitId, errors, ct);
        await CheckCatalogueAsync(success, guardrails, [], errors, ct);
        if (key.Length > 0 && await db.Features.AnyAsync(f => f.Key == key, ct)) errors.Add("key", $"A feature with key '{key}' already exists.");
        if (errors.Any) return Outcome<FeatureDetails>.Invalid(errors);
        if (!await permissions.CanOwnAsync(user, request.OwnerUnitId, ct))
            return Outcome<FeatureDetails>.Forbidden("You can start features only for a unit you belong to.");

        var now = time.GetUtcNow();
        db.Features.Add(new Feature
        {
            Id = Guid.CreateVersion7(now), Key = key, Name = request.Name!.Trim(), Summary = Blank(request.Summary), OwnerUnitId = request.OwnerUnitId!.Value,
            Phase = FeaturePhase.ThinkIt, PhaseSince = now, CreatedAt = now, HypothesisStatement = statement, SuccessMetrics = success,
            GuardrailMetrics = guardrails, FlagKeys = flags,
        });
        await db.SaveChangesAsync(ct);
        return (await reader.DetailsAsync(key, ct))!;
    }

    public async Task<Outcome<FeatureDetails>> UpdateAsync(ClaimsPrincipal user, string key, UpdateFeatureRequest request, CancellationToken ct)
    {
        var feature = await db.Features.FirstOrDefaultAsync(f => f.Key == key, ct);
        if (feature is null) return Outcome<FeatureDetails>.NotFound($"No feature '{key}'.");
        if (!await permissions.CanOwnAsync(user, feature.OwnerUnitId, ct)) return Outcome<FeatureDetails>.Forbidden(NotYours);
        var errors = new FieldErrors().Require("name", request.Name, 200).Limit("summary", request.Summary, 4000);
        var (statement, success, guardrails) = errors.Hypothesis(request.Hypothesis);
        var flags = errors.FlagKeys(request.FlagKeys);
        await CheckOwnerAsync(request.OwnerUnitId, errors, ct);
        await CheckCatalogueAsync(success, guardrails, [.. feature.SuccessMetrics.Select(m => m.MetricKey), .. feature.GuardrailMetrics.Select(m => m.MetricKey)], errors, ct);
        if (errors.Any) return Outcome<FeatureDetails>.Invalid(errors);
        if (request.OwnerUnitId != feature.OwnerUnitId && !await permissions.CanOwnAsync(user, request.OwnerUnitId, ct))
            return Outcome<FeatureDetails>.Forbidden("You can hand a feature only to a unit you belong to.");
        if (HypothesisFixed(feature) && !SameHypothesis(feature, statement, success, guardrails))
            return Outcome<FeatureDetails>.Conflict(
                $"The hypothesis is fixed once the feature reaches users ({feature.Phase.Label()}). Record an Iterate decision back to Build it or Think it to change it.");

        feature.Name = request.Name!.Trim();
        feature.Summary = Blank(request.Summary);
        feature.OwnerUnitId = request.OwnerUnitId!.Value;
        feature.HypothesisStatement = statement;
        feature.SuccessMetrics = success;
        feature.GuardrailMetrics = guardrails;
        feature.FlagKeys = flags;
        await db.SaveChangesAsync(ct);
        return (await reader.DetailsAsync(key, ct))!;
    }

    public async Task<Outcome<FeatureDetails>> DecideAsync(ClaimsPrincipal user, string key, DecisionRequest request, CancellationToken ct)
    {
        var feature = await db.Features.FirstOrDefaultAsync(f => f.Key == key, ct);
        if (feature is null) return Outcome<FeatureDetails>.NotFound($"No feature '{key}'.");
        if (!await permissions.CanOwnAsync(user, feature.OwnerUnitId, ct)) return Outcome<FeatureDetails>.Forbidden(NotYours);
        var errors = new FieldErrors().Require("rationale", request.Rationale, 4000);
        if (request.Kind is not { } kind || !Enum.IsDefined(kind)) errors.Add("kind", "'kind' is iterate, advance, stop or remove.");
        var evidence = errors.Evidence(request.Evidence);
        if (request.MeasuredEffect is { } effect && (!double.IsFinite(effect) || Math.Abs(effect) > 100))
            errors.Add("measuredEffect", "'measuredEffect' is a relative change (0.03 = +3%) between -100 and 100.");
        var measured = request.MeasuredEffect;
        if (request.AnalysisId is { } analysisId)
        {
            // The effect comes from the stored analysis, not from the person deciding: cite it and copy its number.
            var cited = (await analyses.EvidenceForAsync(feature.FlagKeys, ct)).FirstOrDefault(e => e.SnapshotId == analysisId);
            if (cited is null) errors.Add("analysisId", "That analysis is not the latest of an experiment or rollout of this feature's flags.");
            else if (request.MeasuredEffect is not null) errors.Add("measuredEffect", "Leave 'measuredEffect' empty when citing an analysis: the effect is copied from it.");
            else
            {
                measured = cited.MeasuredEffect;
                if (evidence.Count >= LifecycleValidation.MaxEvidence) errors.Add("evidence", $"At most {LifecycleValidation.MaxEvidence} pieces of evidence.");
                evidence.Add(new EvidenceLink(EvidenceKind.Analysis, cited.Title, cited.Url));
            }
        }
        if (errors.Any) return Outcome<FeatureDetails>.Invalid(errors);
        if (request.ExpectedPhase is { } expected && expected != feature.Phase)
            return Outcome<FeatureDetails>.Conflict($"The feature is in {feature.Phase.Label()} now, not {expected.Label()}: someone decided meanwhile. Reload and decide again.");

        var target = Target(feature, request.Kind!.Value, request.ToPhase, out var refusal);
        if (target is null) return Outcome<FeatureDetails>.Conflict(refusal);

        var now = time.GetUtcNow();
        db.GateDecisions.Add(new GateDecision
        {
            Id = Guid.CreateVersion7(now), FeatureId = feature.Id, Kind = request.Kind.Value, FromPhase = feature.Phase, ToPhase = target.Value,
            Rationale = request.Rationale!.Trim(), Evidence = evidence, MeasuredEffect = measured,
            DecidedByPersonId = DeliveryPermissions.PersonOf(user), DecidedBy = user.Identity?.Name ?? "unknown", DecidedAt = now,
        });
        feature.MoveTo(target.Value, now);
        await db.SaveChangesAsync(ct);
        return (await reader.DetailsAsync(key, ct))!;
    }

    public async Task<Outcome<FeatureDetails>> RecordInvestmentAsync(ClaimsPrincipal user, string key, InvestmentRequest request, CancellationToken ct)
    {
        var feature = await db.Features.FirstOrDefaultAsync(f => f.Key == key, ct);
        if (feature is null) return Outcome<FeatureDetails>.NotFound($"No feature '{key}'.");
        if (!await permissions.CanOwnAsync(user, feature.OwnerUnitId, ct)) return Outcome<FeatureDetails>.Forbidden(NotYours);
        var errors = new FieldErrors().Limit("note", request.Note, 500);
        if (request.WeekStart is not { } day) errors.Add("weekStart", "'weekStart' is required (any day of the week; it is stored as that week's Monday).");
        if (request.PersonWeeks is not { } amount || !double.IsFinite(amount) || amount is < 0 or > 1000)
            errors.Add("personWeeks", "'personWeeks' is between 0 and 1000 (people × weeks spent that week).");
        if (errors.Any) return Outcome<FeatureDetails>.Invalid(errors);
        var week = InvestmentCalculator.WeekOf(request.WeekStart!.Value);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (week > InvestmentCalculator.WeekOf(today)) return Outcome<FeatureDetails>.Invalid("weekStart", "Investment is recorded for weeks that have started, not future ones.");
        if (week < InvestmentCalculator.WeekOf(DateOnly.FromDateTime(feature.CreatedAt.UtcDateTime)))
            return Outcome<FeatureDetails>.Invalid("weekStart", "That week is before the feature was started.");

        var entry = await db.InvestmentEntries.FirstOrDefaultAsync(e => e.FeatureId == feature.Id && e.WeekStart == week, ct);
        if (entry is null)
            db.InvestmentEntries.Add(new InvestmentEntry { Id = Guid.CreateVersion7(time.GetUtcNow()), FeatureId = feature.Id, WeekStart = week, PersonWeeks = request.PersonWeeks!.Value, Note = Blank(request.Note) });
        else
        {
            entry.PersonWeeks = request.PersonWeeks!.Value;
            entry.Note = Blank(request.Note);
        }
        await db.SaveChangesAsync(ct);
        return (await reader.DetailsAsync(key, ct))!;
    }

    public async Task<Outcome<FeatureDetails>> AddAllocationAsync(ClaimsPrincipal user, string key, AllocationRequest request, CancellationToken ct)
    {
        var feature = await db.Features.FirstOrDefaultAsync(f => f.Key == key, ct);
        if (feature is null) return Outcome<FeatureDetails>.NotFound($"No feature '{key}'.");
        if (!await permissions.CanOwnAsync(user, feature.OwnerUnitId, ct)) return Outcome<FeatureDetails>.Forbidden(NotYours);
        var errors = new FieldErrors().Share("share", request.Share, allowZero: false);
        if (request.From is null) errors.Add("from", "'from' is required.");
        if (request.To is { } to && request.From is { } from && to < from) errors.Add("to", "'to' is on or after 'from'.");
        if (errors.Any) return Outcome<FeatureDetails>.Invalid(errors);
        db.SquadAllocations.Add(new SquadAllocation { Id = Guid.CreateVersion7(time.GetUtcNow()), FeatureId = feature.Id, Share = request.Share!.Value, From = request.From!.Value, To = request.To });
        await db.SaveChangesAsync(ct);
        return (await reader.DetailsAsync(key, ct))!;
    }

    /// <summary>The phase a decision leads to, or null with the reason it cannot be taken from here.</summary>
    internal static FeaturePhase? Target(Feature feature, GateDecisionKind kind, FeaturePhase? requested, out string refusal)
    {
        refusal = "";
        var phase = feature.Phase;
        if (phase == FeaturePhase.Removed)
        {
            refusal = "The feature was removed; its story is closed. Start a new feature to try again.";
            return null;
        }
        switch (kind)
        {
            case GateDecisionKind.Advance when phase == FeaturePhase.MaintainIt:
                refusal = "Maintain it is the last phase; record Remove to retire the feature.";
                return null;
            case GateDecisionKind.Advance when phase == FeaturePhase.ThinkIt && (feature.HypothesisStatement.Length == 0 || feature.SuccessMetrics.Count == 0):
                refusal = "A feature leaves Think it only with a hypothesis statement and at least one success metric.";
                return null;
            case GateDecisionKind.Advance:
                return phase.Next();
            case GateDecisionKind.Iterate when requested is { } back && (back == FeaturePhase.Removed || back > phase):
                refusal = "Iterate stays in the phase or goes back to an earlier one; use Advance to move forward.";
                return null;
            case GateDecisionKind.Iterate:
                return requested ?? phase;
            case GateDecisionKind.Stop when phase == FeaturePhase.MaintainIt:
                refusal = "A maintained feature is retired with Remove, not stopped.";
                return null;
            case GateDecisionKind.Remove when !phase.IsFullyReleased():
                refusal = $"Only a released feature (Tweak it or Maintain it) is removed; a bet in {phase.Label()} is stopped.";
                return null;
            default:
                return FeaturePhase.Removed;
        }
    }

    /// <summary>Hypothesis metrics must be in the catalogue, so experiments and rollout gates can measure them; keys the feature already had stay valid.</summary>
    private async Task CheckCatalogueAsync(List<SuccessMetric> success, List<GuardrailMetric> guardrails, HashSet<string> existing, FieldErrors errors, CancellationToken ct)
    {
        var keys = success.Select(m => m.MetricKey).Concat(guardrails.Select(m => m.MetricKey)).Where(k => k.Length > 0 && !existing.Contains(k)).ToList();
        if (keys.Count == 0) return;
        var known = await db.Metrics.AsNoTracking().Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct);
        for (var i = 0; i < success.Count; i++)
            if (keys.Contains(success[i].MetricKey) && !known.Contains(success[i].MetricKey))
                errors.Add($"hypothesis.successMetrics[{i}].metricKey", $"No metric '{success[i].MetricKey}' in the catalogue; add it at /metrics first.");
        for (var i = 0; i < guardrails.Count; i++)
            if (keys.Contains(guardrails[i].MetricKey) && !known.Contains(guardrails[i].MetricKey))
                errors.Add($"hypothesis.guardrailMetrics[{i}].metricKey", $"No metric '{guardrails[i].MetricKey}' in the catalogue; add it at /metrics first.");
    }

    private static bool HypothesisFixed(Feature feature) => feature.Phase.ReachesUsers() || feature.Phase == FeaturePhase.Removed;

    private static bool SameHypothesis(Feature feature, string statement, List<SuccessMetric> success, List<GuardrailMetric> guardrails) =>
        feature.HypothesisStatement == statement && feature.SuccessMetrics.SequenceEqual(success) && feature.GuardrailMetrics.SequenceEqual(guardrails);

    private async Task CheckOwnerAsync(Guid? ownerUnitId, FieldErrors errors, CancellationToken ct)
    {
        if (ownerUnitId is not { } unitId) errors.Add("ownerUnitId", "'ownerUnitId' is required: the squad (or other unit) that owns the feature.");
        else if (!await db.Units.AnyAsync(u => u.Id == unitId, ct)) errors.Add("ownerUnitId", "No unit with this id.");
    }

    private const string NotYours = "Only members of the owning unit, leads of a unit above it, administrators and leadership change this feature.";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
