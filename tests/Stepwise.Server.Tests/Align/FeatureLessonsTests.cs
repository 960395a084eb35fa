using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Data;
using Stepwise.Delivery;
using Stepwise.Delivery.Lifecycle;
using Stepwise.Delivery.Model;
using Stepwise.Learn;
using Stepwise.Learn.Model;
using Stepwise.Learn.Retrospectives;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Align;

/// <summary>
/// What a bet taught: a feature's lessons come from retrospectives about the feature itself and about the rollouts and
/// experiments of its flags (read in one place for the feature page and the DUHB), never from other flags' work, and a
/// private retrospective stays invisible outside its team.
/// </summary>
public abstract class FeatureLessonsTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LessonsAboutTheFeature_ItsRollouts_AndItsExperiments_ReachTheFeatureAndTheBet()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        var (duhb, key) = await BetTurnedIntoFeatureAsync(org);
        var seeded = await SeedLearningAsync(org, key);

        // An ordinary member of the other squad: the public lessons, not the private one.
        var fate = await FateAsync(org.MemberOfB, duhb);
        var seen = fate["lessons"]!.AsArray().Select(l => l!["text"]!.GetValue<string>()).ToList();
        Assert.Equal([seeded.AboutFeature, seeded.AboutRollout], seen);
        Assert.DoesNotContain(seeded.PrivateAboutExperiment, seen);
        Assert.DoesNotContain(seeded.AboutOtherFlag, seen);
        Assert.Contains(fate["lessons"]!.AsArray(), l => l!["retrospectiveTitle"]!.GetValue<string>() == "Rollout look-back"
            && l["retrospectiveId"]!.GetValue<Guid>() == seeded.RolloutRetro);
        var experiment = Assert.Single(fate["experiments"]!.AsArray())!;
        Assert.Equal(seeded.ExperimentKey, experiment["key"]!.GetValue<string>());
        Assert.Equal($"/delivery/experiments/{seeded.ExperimentKey}/analysis?metric=trial-conversion&run=1", experiment["analysisLink"]!.GetValue<string>());

        // A member of the owning squad also sees the private experiment retrospective's lesson.
        var insider = (await FateAsync(org.MemberOfA, duhb))["lessons"]!.AsArray().Select(l => l!["text"]!.GetValue<string>()).ToList();
        Assert.Contains(seeded.PrivateAboutExperiment, insider);
        Assert.Equal(3, insider.Count);

        // The reader itself, as the feature page calls it.
        await using var scope = database.App.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<RetrospectiveReader>();
        var outsider = new LearnViewer(Guid.NewGuid(), "Outsider", false, new HashSet<Guid>());
        var learning = await reader.ForFeatureAsync(outsider, key, Ct);
        Assert.Equal(["Feature look-back", "Rollout look-back"], learning.Retrospectives.Select(r => r.Title).Order(StringComparer.Ordinal));
        Assert.Equal([SubjectKind.Feature, SubjectKind.Rollout], learning.Retrospectives.Select(r => r.SubjectKind).Order());
        Assert.Equal(2, learning.Lessons.Count);
        var team = new LearnViewer(Guid.NewGuid(), "Squad A member", false, new HashSet<Guid> { org.SquadA });
        var teamLearning = await reader.ForFeatureAsync(team, key, Ct);
        Assert.Equal(3, teamLearning.Retrospectives.Count);
        Assert.Contains(teamLearning.Lessons, l => l.Text == seeded.PrivateAboutExperiment);
        Assert.Empty((await reader.ForFeatureAsync(team, "no-such-feature", Ct)).Retrospectives);

        // The experiment's analysis page names the feature it measures; an experiment on a flag no feature lists names none.
        var features = scope.ServiceProvider.GetRequiredService<FeatureReader>();
        Assert.Equal(key, (await features.OfExperimentAsync(seeded.ExperimentKey, Ct))?.Key);
        Assert.Null(await features.OfExperimentAsync($"other-test-{org.Suffix}", Ct));
        Assert.Null(await features.OfExperimentAsync("no-such-experiment", Ct));
        var listed = Assert.Single(await features.ExperimentsAsync(key, Ct));
        Assert.Equal((seeded.ExperimentKey, ExperimentStatus.Stopped), (listed.Key, listed.Status));

        // The lesson an RFC names leads back to its retrospective, unless that one is private to someone else's team.
        Assert.Equal(seeded.RolloutRetro, (await reader.OfLessonAsync(outsider, seeded.RolloutLesson, Ct))?.Id);
        Assert.Null(await reader.OfLessonAsync(outsider, seeded.PrivateLesson, Ct));
        Assert.NotNull(await reader.OfLessonAsync(team, seeded.PrivateLesson, Ct));
    }

    private static async Task<JsonNode> FateAsync(HttpClient client, Guid duhb) =>
        (await (await client.GetAsync($"/api/align/duhbs/{duhb}", Ct)).JsonAsync())["bets"]![0]!["fate"]!;

    private static async Task<(Guid Duhb, string FeatureKey)> BetTurnedIntoFeatureAsync(AlignOrg org)
    {
        var duhb = (await org.MemberOfA.PostOkAsync("/api/align/duhbs", new
        {
            title = "New members leave in week one", unitId = org.Tribe, data = "Week-one funnel.",
            dataPoints = new[] { new { label = "Back on day 7", value = 38, unit = "%", source = (string?)null } },
            links = Array.Empty<string>(), understanding = "They never find their library.", hypotheses = new[] { "A tour helps." },
            bets = new[]
            {
                new
                {
                    title = "First-session tour", squadId = org.SquadA,
                    hypothesis = new
                    {
                        statement = "A short tour raises week-one retention.",
                        successMetrics = new[] { new { metricKey = "trial-conversion", direction = "increase", minimumEffect = 0.03 } },
                        guardrailMetrics = Array.Empty<object>(),
                    },
                },
            },
        })).Id();
        await org.MemberOfA.PostOkAsync($"/api/align/duhbs/{duhb}/state", new { state = "inReview" });
        var bet = (await (await org.MemberOfA.GetAsync($"/api/align/duhbs/{duhb}", Ct)).JsonAsync())["bets"]![0]!["id"]!.GetValue<Guid>();
        var key = $"tour-{org.Suffix}";
        await org.MemberOfA.PostOkAsync($"/api/align/duhbs/{duhb}/bets/{bet}/feature", new { key });
        return (duhb, key);
    }

    private sealed record Seeded(string AboutFeature, string AboutRollout, string PrivateAboutExperiment, string AboutOtherFlag, string ExperimentKey,
        Guid RolloutRetro, Guid RolloutLesson, Guid PrivateLesson);

    /// <summary>
    /// The feature's flag with a rollout and an experiment, another flag with its own experiment, and four retrospectives:
    /// about the feature, its rollout, its experiment (private to squad A) and the other flag's experiment.
    /// </summary>
    private async Task<Seeded> SeedLearningAsync(AlignOrg org, string featureKey)
    {
        await using var scope = database.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        var production = await db.Environments.Where(e => e.Key == DeliveryEnvironment.Production).Select(e => e.Id).FirstAsync(Ct);
        Flag NewFlag(string key) => new() { Id = Guid.NewGuid(), Key = key, Name = key, ValueType = FlagValueType.Boolean, DefaultValue = "false", OwnerUnitId = org.SquadA, CreatedAt = now, UpdatedAt = now };
        Experiment NewExperiment(string key, Guid flag) => new()
        {
            Id = Guid.NewGuid(), Key = key, Name = key, FlagId = flag, EnvironmentId = production, Status = ExperimentStatus.Stopped, CreatedAt = now,
            Variations = [new("control", "Off", "false", 0.5), new("on", "On", "true", 0.5)],
        };
        var flag = NewFlag($"tour-flag-{org.Suffix}");
        var other = NewFlag($"other-flag-{org.Suffix}");
        db.Flags.AddRange(flag, other);
        var rollout = new RolloutPlan { Id = Guid.NewGuid(), FlagId = flag.Id, EnvironmentId = production, Value = "true", Seed = "s", Status = RolloutStatus.Released, CreatedAt = now };
        db.RolloutPlans.Add(rollout);
        var experiment = NewExperiment($"tour-test-{org.Suffix}", flag.Id);
        var otherExperiment = NewExperiment($"other-test-{org.Suffix}", other.Id);
        db.Experiments.AddRange(experiment, otherExperiment);
        var feature = await db.Features.FirstAsync(f => f.Key == featureKey, Ct);
        feature.FlagKeys = [flag.Key];

        Retrospective Retro(string title, SubjectKind kind, string subject, bool isPrivate = false)
        {
            var retro = new Retrospective
            {
                Id = Guid.NewGuid(), Title = title, SubjectKind = kind, SubjectRef = subject, OwnerUnitId = org.SquadA, Outcome = RetroOutcome.Mixed,
                Summary = "Looked back.", Tags = [], IsPrivate = isPrivate, Status = RetroStatus.Closed, HeldOn = new DateOnly(2026, 3, 1), CreatedAt = now,
            };
            db.Retrospectives.Add(retro);
            return retro;
        }
        Lesson Learned(Retrospective retro, string text, int minutes)
        {
            var lesson = new Lesson { Id = Guid.NewGuid(), RetrospectiveId = retro.Id, Source = LessonSource.Process, Text = text, CreatedAt = now.AddMinutes(minutes) };
            db.Lessons.Add(lesson);
            return lesson;
        }
        var seeded = new Seeded($"Feature lesson {org.Suffix}", $"Rollout lesson {org.Suffix}", $"Private experiment lesson {org.Suffix}",
            $"Other flag lesson {org.Suffix}", experiment.Key, Guid.Empty, Guid.Empty, Guid.Empty);
        Learned(Retro("Feature look-back", SubjectKind.Feature, featureKey), seeded.AboutFeature, 1);
        var rolloutRetro = Retro("Rollout look-back", SubjectKind.Rollout, rollout.Id.ToString());
        var rolloutLesson = Learned(rolloutRetro, seeded.AboutRollout, 2);
        var privateLesson = Learned(Retro("Experiment look-back", SubjectKind.Experiment, experiment.Key, isPrivate: true), seeded.PrivateAboutExperiment, 3);
        Learned(Retro("Other look-back", SubjectKind.Experiment, otherExperiment.Key), seeded.AboutOtherFlag, 4);
        await db.SaveChangesAsync(Ct);
        return seeded with { RolloutRetro = rolloutRetro.Id, RolloutLesson = rolloutLesson.Id, PrivateLesson = privateLesson.Id };
    }
}

public sealed class FeatureLessonsTests_Sqlite(SqliteDatabase database) : FeatureLessonsTests<SqliteDatabase>(database);

public sealed class FeatureLessonsTests_Postgres(PostgresDatabase database) : FeatureLessonsTests<PostgresDatabase>(database);
