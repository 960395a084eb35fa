using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Api;

namespace Stepwise.Careers.Cycles.Api;

/// <summary>
/// Assessment cycles. Routes are open to everyone signed in except HR's (open, progress, reminders, finalize) and the
/// promotion cost; every handler checks the object: self, manager chain, the tribe's session, leadership, HR.
/// </summary>
public static class CyclesApi
{
    public const string HrPolicy = "CyclesHr";
    public const string CostPolicy = "CyclesCost";

    public static IEndpointRouteBuilder MapCyclesApi(this IEndpointRouteBuilder routes)
    {
        var cycles = routes.MapGroup("/api/careers/cycles").WithTags("Assessment cycles");
        cycles.MapGet("", async (CycleService s, ClaimsPrincipal user, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(user, ct)))
            .WithName("ListCycles").WithSummary("Every cycle with its deadlines and, for the caller, their own assessment.");
        cycles.MapGet("/{id:guid}", async (CycleService s, ClaimsPrincipal user, Guid id, CancellationToken ct) => OutcomeResults.Ok(await s.GetAsync(user, id, ct)))
            .WithName("GetCycle").WithSummary("One cycle.");
        cycles.MapGet("/{id:guid}/me", async (AssessmentService s, ClaimsPrincipal user, Guid id, CancellationToken ct) => OutcomeResults.Ok(await s.MineAsync(user, id, ct)))
            .WithName("GetMyAssessment").WithSummary("The caller's own assessment in a cycle.");
        cycles.MapGet("/{id:guid}/team", async (AssessmentService s, ClaimsPrincipal user, Guid id, CancellationToken ct) => OutcomeResults.Ok(await s.TeamAsync(user, id, ct)))
            .WithName("GetMyTeamInCycle").WithSummary("The caller's direct reports in a cycle.");
        cycles.MapGet("/{id:guid}/calibration/{unitId:guid}", async (CalibrationService s, ClaimsPrincipal user, Guid id, Guid unitId, CancellationToken ct) =>
                OutcomeResults.Ok(await s.SessionAsync(user, id, unitId, ct)))
            .WithName("GetCalibrationSession").WithSummary("A tribe's calibration session: proposals, distribution against the target, manager patterns.");
        cycles.MapPost("/{id:guid}/calibration/{unitId:guid}/complete", async (CalibrationService s, ClaimsPrincipal user, Guid id, Guid unitId, CancellationToken ct) =>
                OutcomeResults.Ok(await s.CompleteAsync(user, id, unitId, ct)))
            .WithName("CompleteCalibrationSession").WithSummary("Marks everyone discussed in the tribe as calibrated at their agreed step.");
        cycles.MapGet("/{id:guid}/functional-sync", async (CalibrationService s, ClaimsPrincipal user, Guid id, string? discipline, CancellationToken ct) =>
                OutcomeResults.Ok(await s.FunctionalSyncAsync(user, id, discipline, ct)))
            .WithName("GetFunctionalSync").WithSummary("Proposals per discipline across tribes.");
        cycles.MapGet("/{id:guid}/leadership-review", async (CalibrationService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.LeadershipReviewAsync(user, id, ct)))
            .WithName("GetLeadershipReview").WithSummary("Everyone proposed for the top two steps.");

        var hr = cycles.MapGroup("").RequireAuthorization(HrPolicy);
        hr.MapPost("", async (CycleService s, ClaimsPrincipal user, OpenCycleRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.OpenAsync(user, request, ct), c => $"/api/careers/cycles/{c.Id}"))
            .WithName("OpenCycle").WithSummary("Opens a cycle for the whole organization or a unit's subtree, with a deadline per stage.");
        hr.MapGet("/{id:guid}/progress", async (CycleProgressService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.ProgressAsync(user, id, ct)))
            .WithName("GetCycleProgress").WithSummary("Counts per stage and team, overdue people, teams ranked by how far behind.");
        hr.MapPost("/{id:guid}/reminders", async (CycleProgressService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.RemindAsync(user, id, ct)))
            .WithName("SendCycleReminders").WithSummary("Notifies whoever holds up each overdue person.");
        hr.MapPost("/{id:guid}/finalize", async (CycleFinalizer s, ClaimsPrincipal user, Guid id, FinalizeRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.FinalizeAsync(user, id, request, ct)))
            .WithName("FinalizeCycle").WithSummary("Writes a step record for everyone ready and notifies them; closes the cycle when nobody is left.");
        cycles.MapGet("/{id:guid}/promotion-cost", async (CycleProgressService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.PromotionCostAsync(user, id, ct)))
            .RequireAuthorization(CostPolicy).WithName("GetCyclePromotionCost").WithSummary("What the proposed promotions would cost (HR, compensation administrators).");

        var assessments = routes.MapGroup("/api/careers/assessments").WithTags("Assessment cycles");
        assessments.MapGet("/{id:guid}", async (AssessmentService s, ClaimsPrincipal user, Guid id, CancellationToken ct) => OutcomeResults.Ok(await s.GetAsync(user, id, ct)))
            .WithName("GetAssessment").WithSummary("Self and manager side by side, as far as the caller may see them, with the change log.");
        assessments.MapPost("/{id:guid}/self", Submit(AssessmentKind.Self, revision: false)).WithName("SubmitSelfAssessment")
            .WithSummary("Submits the self-assessment; it locks on submit.");
        assessments.MapPost("/{id:guid}/self/revisions", Submit(AssessmentKind.Self, revision: true)).WithName("ReviseSelfAssessment")
            .WithSummary("Adds a revision of the self-assessment, with a reason.");
        assessments.MapPost("/{id:guid}/manager", Submit(AssessmentKind.Manager, revision: false)).WithName("SubmitManagerAssessment")
            .WithSummary("Submits the manager assessment; it locks on submit.");
        assessments.MapPost("/{id:guid}/manager/revisions", Submit(AssessmentKind.Manager, revision: true)).WithName("ReviseManagerAssessment")
            .WithSummary("Adds a revision of the manager assessment, with a reason.");
        assessments.MapPost("/{id:guid}/discussion", async (AssessmentService s, ClaimsPrincipal user, Guid id, DiscussionRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.DiscussAsync(user, id, request, ct)))
            .WithName("RecordAssessmentDiscussion").WithSummary("Records the agreed step and a note from the discussion.");
        assessments.MapPost("/{id:guid}/calibration", async (CalibrationService s, ClaimsPrincipal user, Guid id, AdjustmentRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.CalibrateAsync(user, id, request, ct)))
            .WithName("CalibrateAssessment").WithSummary("Sets the calibrated step; a change needs a reason.");
        assessments.MapPost("/{id:guid}/functional-sync", async (CalibrationService s, ClaimsPrincipal user, Guid id, AdjustmentRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.AlignAsync(user, id, request, ct)))
            .WithName("AlignAssessment").WithSummary("Adjusts a calibrated proposal in the functional sync, with a reason.");
        assessments.MapPost("/{id:guid}/leadership-review", async (CalibrationService s, ClaimsPrincipal user, Guid id, LeadershipReviewRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.ReviewAsync(user, id, request, ct)))
            .WithName("ReviewAssessmentAsLeadership").WithSummary("Approves (no step) or adjusts (step and reason) a proposal for the top two steps.");
        return routes;
    }

    private static Func<AssessmentService, ClaimsPrincipal, Guid, AssessmentRequest, CancellationToken, Task<IResult>> Submit(AssessmentKind kind, bool revision) =>
        async (s, user, id, request, ct) => OutcomeResults.Ok(await s.SubmitAsync(user, id, kind, revision, request, ct));
}
