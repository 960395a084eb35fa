using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Stepwise.Data;
using Stepwise.Delivery.Model;

namespace Stepwise.Guard;

/// <summary>One scheduled pass: every running experiment is analysed and snapshotted, and every guarded rollout checked.</summary>
public sealed class GuardRunner(StepwiseDb db, ExperimentSnapshots experiments, RolloutGuardService guard, ILogger<GuardRunner> logger)
{
    public async Task<GuardRunResult> RunOnceAsync(CancellationToken ct)
    {
        var actions = new List<string>();
        var running = await db.Experiments.AsNoTracking().Where(e => e.Status == ExperimentStatus.Running).OrderBy(e => e.Key).ToListAsync(ct);
        var analysed = 0;
        foreach (var experiment in running)
        {
            try
            {
                if (await experiments.SnapshotAsync(experiment, ct) is not null) analysed++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One broken analysis must not stop the guard from checking the rollouts.
                logger.LogError(e, "Scheduled analysis of experiment {Experiment} failed", experiment.Key);
            }
        }
        var plans = await db.RolloutPlans.AsNoTracking()
            .Where(p => p.Status == RolloutStatus.Running || (p.Status == RolloutStatus.Released && !p.HoldbackReleased))
            .OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var checkedRollouts = 0;
        foreach (var plan in plans.Where(p => p.Guard is not null))
        {
            try
            {
                db.ChangeTracker.Clear();
                if (await guard.GuardAsync(plan.Id, ct) is { } snapshot)
                {
                    checkedRollouts++;
                    if (snapshot.GuardAction is not (nameof(GuardVerdictKind.Hold) or null)) actions.Add($"{plan.AnalysisKey}: {snapshot.GuardAction} ({snapshot.GuardReason})");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Guard check of rollout {Rollout} failed", plan.Id);
            }
        }
        return new GuardRunResult(analysed, checkedRollouts, actions);
    }
}
