using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Stepwise.Auditing;
using Stepwise.Delivery.Lifecycle;
using Stepwise.Careers.Compensation;
using Stepwise.Careers.Steps;
using Stepwise.Careers.Surveys;
using Stepwise.Delivery.Model;
using Stepwise.Governance.Model;
using Stepwise.Identity;
using Stepwise.Learn.Model;
using Stepwise.Organization;

namespace Stepwise.Data;

/// <summary>The one DbContext of the product. Each module owns its entity configurations under <c>Data/Configurations</c>.</summary>
public sealed class StepwiseDb(DbContextOptions<StepwiseDb> options)
    : IdentityDbContext<StepwiseUser, StepwiseRole, Guid>(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<OrgUnit> Units => Set<OrgUnit>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ReportingLine> ReportingLines => Set<ReportingLine>();
    public DbSet<Transition> Transitions => Set<Transition>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<PersonalAccessToken> AccessTokens => Set<PersonalAccessToken>();
    public DbSet<DeliveryEnvironment> Environments => Set<DeliveryEnvironment>();
    public DbSet<SdkKey> SdkKeys => Set<SdkKey>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<FlagEnvironment> FlagEnvironments => Set<FlagEnvironment>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<Layer> Layers => Set<Layer>();
    public DbSet<Holdout> Holdouts => Set<Holdout>();
    public DbSet<RolloutPlan> RolloutPlans => Set<RolloutPlan>();
    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<Feature> Features => Set<Feature>();
    public DbSet<Stepwise.Delivery.Collisions.CollisionAcknowledgement> CollisionAcknowledgements => Set<Stepwise.Delivery.Collisions.CollisionAcknowledgement>();
    public DbSet<GateDecision> GateDecisions => Set<GateDecision>();
    public DbSet<InvestmentEntry> InvestmentEntries => Set<InvestmentEntry>();
    public DbSet<SquadAllocation> SquadAllocations => Set<SquadAllocation>();
    public DbSet<GovernedDocument> GovernedDocuments => Set<GovernedDocument>();
    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();
    public DbSet<Suggestion> Suggestions => Set<Suggestion>();
    public DbSet<SuggestionApproval> SuggestionApprovals => Set<SuggestionApproval>();
    public DbSet<ReviewRound> ReviewRounds => Set<ReviewRound>();
    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();
    public DbSet<StepRecord> StepRecords => Set<StepRecord>();
    public DbSet<LatestStep> LatestSteps => Set<LatestStep>();
    public DbSet<StepWebhookDelivery> StepWebhookDeliveries => Set<StepWebhookDelivery>();
    public DbSet<SalaryBand> SalaryBands => Set<SalaryBand>();
    public DbSet<SalaryRecord> SalaryRecords => Set<SalaryRecord>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveyRound> SurveyRounds => Set<SurveyRound>();
    public DbSet<SurveyParticipation> SurveyParticipations => Set<SurveyParticipation>();
    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();
    public DbSet<SurveyComment> SurveyComments => Set<SurveyComment>();
    public DbSet<Retrospective> Retrospectives => Set<Retrospective>();
    public DbSet<RetroContribution> RetroContributions => Set<RetroContribution>();
    public DbSet<RetroVote> RetroVotes => Set<RetroVote>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<ActionItem> RetroActions => Set<ActionItem>();
    public DbSet<FailPost> FailPosts => Set<FailPost>();
    public DbSet<FailReaction> FailReactions => Set<FailReaction>();
    public DbSet<WebhookSubscription> LearnWebhooks => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> LearnWebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<FeedToken> LearnFeedTokens => Set<FeedToken>();
    public DbSet<SearchDocument> LearnSearchDocuments => Set<SearchDocument>();
    public DbSet<Events.Metrics.ProductMetric> Metrics => Set<Events.Metrics.ProductMetric>();
    public DbSet<Guard.AnalysisSnapshot> AnalysisSnapshots => Set<Guard.AnalysisSnapshot>();
    public DbSet<Careers.Cycles.AssessmentCycle> AssessmentCycles => Set<Careers.Cycles.AssessmentCycle>();
    public DbSet<Careers.Cycles.CycleParticipant> CycleParticipants => Set<Careers.Cycles.CycleParticipant>();
    public DbSet<Careers.Cycles.AssessmentEntry> AssessmentEntries => Set<Careers.Cycles.AssessmentEntry>();
    public DbSet<Careers.Cycles.CycleAdjustment> CycleAdjustments => Set<Careers.Cycles.CycleAdjustment>();
    public DbSet<Careers.Simulations.StepSimulation> StepSimulations => Set<Careers.Simulations.StepSimulation>();
    public DbSet<Careers.Simulations.SimulationEstimate> SimulationEstimates => Set<Careers.Simulations.SimulationEstimate>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Notifications.OutboundWebhook> OutboundWebhooks => Set<Notifications.OutboundWebhook>();
    public DbSet<Align.Priorities.PriorityStack> PriorityStacks => Set<Align.Priorities.PriorityStack>();
    public DbSet<Align.Priorities.PriorityItem> PriorityItems => Set<Align.Priorities.PriorityItem>();
    public DbSet<Align.Priorities.PriorityChange> PriorityChanges => Set<Align.Priorities.PriorityChange>();
    public DbSet<Align.Priorities.FeaturePriority> FeaturePriorities => Set<Align.Priorities.FeaturePriority>();
    public DbSet<Align.Goals.Goal> Goals => Set<Align.Goals.Goal>();
    public DbSet<Align.Goals.GoalMeasurement> GoalMeasurements => Set<Align.Goals.GoalMeasurement>();
    public DbSet<Align.Goals.GoalCheckIn> GoalCheckIns => Set<Align.Goals.GoalCheckIn>();
    public DbSet<Align.Rfcs.Rfc> Rfcs => Set<Align.Rfcs.Rfc>();
    public DbSet<Align.Rfcs.RfcRevision> RfcRevisions => Set<Align.Rfcs.RfcRevision>();
    public DbSet<Align.Rfcs.RfcApproval> RfcApprovals => Set<Align.Rfcs.RfcApproval>();
    public DbSet<Align.Rfcs.RfcConcern> RfcConcerns => Set<Align.Rfcs.RfcConcern>();
    public DbSet<Align.Duhbs.Duhb> Duhbs => Set<Align.Duhbs.Duhb>();
    public DbSet<Align.Duhbs.DuhbBet> DuhbBets => Set<Align.Duhbs.DuhbBet>();
    public DbSet<Align.Duhbs.DuhbEndorsement> DuhbEndorsements => Set<Align.Duhbs.DuhbEndorsement>();
    public DbSet<Align.Duhbs.DuhbComment> DuhbComments => Set<Align.Duhbs.DuhbComment>();

    // Each person's latest step follows the step records in the same save, whichever path wrote them.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        LatestStepKeeper.Refresh(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await LatestStepKeeper.RefreshAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StepwiseDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no type that orders instants; binary ticks keep ORDER BY and range queries correct.
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
