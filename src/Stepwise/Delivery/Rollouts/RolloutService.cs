using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Delivery.Flags;
using Stepwise.Delivery.Model;

namespace Stepwise.Delivery.Rollouts;

/// <summary>
/// Progressive rollouts: create a plan, then start, advance, pause, resume, roll back and release the holdback.
/// Every step checks the plan is where the caller believes it is, so a repeated click never advances twice.
/// </summary>
public sealed class RolloutService(StepwiseDb db, DeliveryPermissions permissions, Collisions.CollisionGuard collisions, TimeProvider time)
{
    public const int MaxStages = 20;
    public const double MaxHoldback = 0.5;

    public async Task<Outcome<RolloutView>> CreateAsync(ClaimsPrincipal user, string flagKey, CreateRolloutRequest request, CancellationToken ct)
    {
        var flag = await db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.Key == flagKey, ct);
        if (flag is null) return Outcome<RolloutView>.NotFound($"No flag '{flagKey}'.");
        var errors = new FieldErrors().Attribute("hashAttribute", request.HashAttribute);
        var env = await db.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == (request.Environment ?? ""), ct);
        if (env is null) errors.Add("environment", request.Environment is null ? "'environment' is required." : $"No environment '{request.Environment}'.");
        var value = errors.Value("value", flag.ValueType, request.Value ?? (flag.ValueType == FlagValueType.Boolean ? System.Text.Json.JsonElement.Parse("true") : null));
        var condition = errors.Condition("condition", request.Condition);
        var stages = request.Stages?.ToList() ?? [.. RolloutPlan.DefaultStages];
        var holdback = request.Holdback ?? RolloutPlan.DefaultHoldback;
        CheckStages(stages, holdback, errors);
        var minimumHours = request.MinimumStageHours ?? 24;
        if (double.IsNaN(minimumHours) || minimumHours < 0 || minimumHours > 24 * 90) errors.Add("minimumStageHours", "'minimumStageHours' must be between 0 and 2160 (90 days).");
        if (errors.Any) return Outcome<RolloutView>.Invalid(errors);
        if (!await permissions.CanEditFlagAsync(user, flag, ct)) return Outcome<RolloutView>.Forbidden(FlagService.NotYours(flag));
        if (await db.RolloutPlans.AnyAsync(p => p.FlagId == flag.Id && p.EnvironmentId == env!.Id && p.Status != RolloutStatus.RolledBack, ct))
            return Outcome<RolloutView>.Conflict($"'{flag.Key}' already has a rollout plan in {env!.Key}; roll it back before planning another.");

        var now = time.GetUtcNow();
        var plan = new RolloutPlan
        {
            Id = Guid.CreateVersion7(now), FlagId = flag.Id, EnvironmentId = env!.Id, Value = value!, HashAttribute = request.HashAttribute ?? "id",
            Seed = $"{flag.Key}/{env.Key}/{now.ToUnixTimeMilliseconds()}", Condition = condition, Stages = stages, Holdback = holdback,
            MinimumStageDuration = TimeSpan.FromHours(minimumHours), Status = RolloutStatus.Draft, CreatedAt = now,
        };
        db.RolloutPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return FlagReader.ToView(plan, flag.Key, env.Key);
    }

    /// <summary>Stages must rise strictly, each a share in (0, 1], and fit beside the holdback.</summary>
    public static void CheckStages(IReadOnlyList<double> stages, double holdback, FieldErrors errors)
    {
        errors.Share("holdback", holdback);
        if (holdback > MaxHoldback) errors.Add("holdback", $"'holdback' is at most {MaxHoldback} (half of all units).");
        if (stages.Count is 0 or > MaxStages) errors.Add("stages", $"A plan has between 1 and {MaxStages} stages; got {stages.Count}.");
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            if (double.IsNaN(s) || s <= 0 || s > 1) errors.Add($"stages[{i}]", $"Each stage is a share of units in (0, 1]; got {s}.");
            else if (i > 0 && s <= stages[i - 1]) errors.Add($"stages[{i}]", $"Stages must increase; {DeliveryValidation.Percent(s)} follows {DeliveryValidation.Percent(stages[i - 1])}.");
        }
        if (stages.Count > 0 && stages[^1] + holdback > 1 + DeliveryValidation.Tolerance)
            errors.Add("stages", $"The last stage ({DeliveryValidation.Percent(stages[^1])}) and the holdback ({DeliveryValidation.Percent(holdback)}) together exceed 100%.");
    }

    public Task<Outcome<RolloutView>> StartAsync(ClaimsPrincipal user, Guid id, RolloutActionRequest request, CancellationToken ct) =>
        StepAsync(user, id, request, RolloutAction.Started, plan =>
        {
            if (plan.Status != RolloutStatus.Draft) return $"The rollout has already started (it is {plan.Status.ToString().ToLowerInvariant()}).";
            return null;
        }, (plan, now) =>
        {
            plan.CurrentStage = 0;
            plan.Status = plan.IsLastStage ? RolloutStatus.Released : RolloutStatus.Running;
            plan.StageStartedAt = now;
        }, ct);

    public Task<Outcome<RolloutView>> AdvanceAsync(ClaimsPrincipal user, Guid id, RolloutActionRequest request, CancellationToken ct) =>
        StepAsync(user, id, request, RolloutAction.Advanced, plan =>
        {
            if (plan.Status == RolloutStatus.Paused) return "The rollout is paused; resume it before advancing.";
            if (plan.Status != RolloutStatus.Running) return $"Only a running rollout advances (it is {plan.Status.ToString().ToLowerInvariant()}).";
            var readyAt = plan.StageStartedAt!.Value + plan.MinimumStageDuration;
            if (readyAt > time.GetUtcNow() && request.Override != true)
                return $"Stage {plan.CurrentStage + 1} must run until {readyAt:yyyy-MM-dd HH:mm} UTC (minimum stage duration); advance with override and a reason to skip the wait.";
            return null;
        }, (plan, now) =>
        {
            plan.CurrentStage++;
            plan.StageStartedAt = now;
            if (plan.IsLastStage) plan.Status = RolloutStatus.Released;
        }, ct);

    public Task<Outcome<RolloutView>> PauseAsync(ClaimsPrincipal user, Guid id, RolloutActionRequest request, CancellationToken ct) =>
        StepAsync(user, id, request, RolloutAction.Paused,
            plan => plan.Status == RolloutStatus.Running ? null : $"Only a running rollout can be paused (it is {plan.Status.ToString().ToLowerInvariant()}).",
            (plan, _) => plan.Status = RolloutStatus.Paused, ct);

    public Task<Outcome<RolloutView>> ResumeAsync(ClaimsPrincipal user, Guid id, RolloutActionRequest request, CancellationToken ct) =>
        StepAsync(user, id, request, RolloutAction.Resumed,
            plan => plan.Status == RolloutStatus.Paused ? null : "Only a paused rollout can be resumed.",
            (plan, now) =>
            {
                plan.Status = RolloutStatus.Running;
                plan.StageStartedAt = now;
            }, ct);

    /// <summary>Takes the value away from every unit at once; the plan ends and a new one can be made.</summary>
    public Task<Outcome<RolloutView>> RollBackAsync(ClaimsPrincipal user, Guid id, RolloutActionRequest request, CancellationToken ct) =>
        StepAsync(user, id, request, RolloutAction.RolledBack,
            plan => plan.Status is RolloutStatus.RolledBack or RolloutStatus.Draft ? $"There is nothing live to roll back (the rollout is {plan.Status.ToString().ToLowerInvariant()})." : null,
            (plan, _) => plan.Status = RolloutStatus.RolledBack, ct);

    /// <summary>Gives the value to the held-back control group too, once the last stage is live.</summary>
    public Task<Outcome<RolloutView>> ReleaseHoldbackAsync(ClaimsPrincipal user, Guid id, RolloutActionRequest request, CancellationToken ct) =>
        StepAsync(user, id, request, RolloutAction.HoldbackReleased, plan =>
        {
            if (plan.Status != RolloutStatus.Released) return "The holdback can be released only after the last stage is live.";
            return plan.HoldbackReleased ? "The holdback has already been released." : null;
        }, (plan, _) => plan.HoldbackReleased = true, ct);

    private async Task<Outcome<RolloutView>> StepAsync(
        ClaimsPrincipal user, Guid id, RolloutActionRequest request, RolloutAction action, Func<RolloutPlan, string?> refusal,
        Action<RolloutPlan, DateTimeOffset> apply, CancellationToken ct)
    {
        var errors = new FieldErrors().Limit("reason", request.Reason, 1000);
        if (request.Override == true && string.IsNullOrWhiteSpace(request.Reason)) errors.Add("reason", "Say why when you override the minimum stage duration.");
        if (errors.Any) return Outcome<RolloutView>.Invalid(errors);
        var plan = await db.RolloutPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return Outcome<RolloutView>.NotFound("No such rollout plan.");
        var flag = await db.Flags.AsNoTracking().FirstAsync(f => f.Id == plan.FlagId, ct);
        if (!await permissions.CanEditFlagAsync(user, flag, ct)) return Outcome<RolloutView>.Forbidden(FlagService.NotYours(flag));
        if (request.ExpectedStage is { } expected && expected != plan.CurrentStage)
            return Outcome<RolloutView>.Conflict($"The rollout moved meanwhile: it is at stage {plan.CurrentStage + 1}, not {expected + 1}. Reload and try again.");
        if (refusal(plan) is { } reason) return Outcome<RolloutView>.Conflict(reason);
        if (action == RolloutAction.Started && await HasRunningExperimentAsync(plan, ct))
            return Outcome<RolloutView>.Conflict($"'{flag.Key}' has a running experiment in this environment; stop it before rolling out.");
        if (action == RolloutAction.Started
            && await collisions.CheckAsync(await collisions.ForRolloutAsync(plan, ct), request.AcknowledgeCollisions == true, request.Reason, "rollout", $"{flag.Key} rollout", plan.EnvironmentId, user, ct) is { } collision)
            return Outcome<RolloutView>.Conflict(collision);

        var now = time.GetUtcNow();
        var from = plan.CurrentStage;
        apply(plan, now);
        plan.AwaitingApproval = null; // any step answers the guard's request for approval
        plan.History = [.. plan.History, new RolloutEvent(now, action, from, plan.CurrentStage, user.Identity?.Name, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim())];
        await db.SaveChangesAsync(ct);
        var env = await db.Environments.AsNoTracking().Where(e => e.Id == plan.EnvironmentId).Select(e => e.Key).FirstAsync(ct);
        return FlagReader.ToView(plan, flag.Key, env);
    }

    private Task<bool> HasRunningExperimentAsync(RolloutPlan plan, CancellationToken ct) =>
        db.Experiments.AnyAsync(e => e.FlagId == plan.FlagId && e.EnvironmentId == plan.EnvironmentId && e.Status == ExperimentStatus.Running, ct);
}
