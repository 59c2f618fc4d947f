using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Figures;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Organisation;
using VisionTracker.Domain.Planning;

namespace VisionTracker.UnitTests.Domain;

public sealed class StateMachineTests
{
    private static readonly DateTime Now = new(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void NewGoal_IsDraftAndNotArchived()
    {
        var goal = NewGoal();

        goal.State.ShouldBe(GoalState.Draft);
        goal.IsArchived.ShouldBeFalse();
        goal.CountsInFigures.ShouldBeFalse();
    }

    [Theory]
    [InlineData(GoalState.Draft, GoalState.Active)]
    [InlineData(GoalState.Draft, GoalState.Abandoned)]
    [InlineData(GoalState.Active, GoalState.Achieved)]
    [InlineData(GoalState.Active, GoalState.Abandoned)]
    [InlineData(GoalState.Achieved, GoalState.Active)]
    [InlineData(GoalState.Abandoned, GoalState.Draft)]
    public void GoalMoveTo_AllowedTransition_ChangesState(GoalState from, GoalState to)
    {
        var goal = GoalIn(from);

        goal.MoveTo(to);

        goal.State.ShouldBe(to);
    }

    [Theory]
    [InlineData(GoalState.Draft, GoalState.Achieved)]
    [InlineData(GoalState.Active, GoalState.Draft)]
    [InlineData(GoalState.Achieved, GoalState.Abandoned)]
    [InlineData(GoalState.Achieved, GoalState.Draft)]
    [InlineData(GoalState.Abandoned, GoalState.Achieved)]
    [InlineData(GoalState.Abandoned, GoalState.Active)]
    public void GoalMoveTo_RefusedTransition_ThrowsAndKeepsState(GoalState from, GoalState to)
    {
        var goal = GoalIn(from);

        Should.Throw<DomainRuleException>(() => goal.MoveTo(to));

        goal.State.ShouldBe(from);
    }

    [Fact]
    public void GoalCountsInFigures_ActiveAndNotArchived_IsTrue()
    {
        var goal = GoalIn(GoalState.Active);

        goal.CountsInFigures.ShouldBeTrue();
    }

    [Fact]
    public void GoalArchive_ActiveGoal_StopsCountingAndRefusesMoveTo()
    {
        var goal = GoalIn(GoalState.Active);

        goal.Archive();

        goal.IsArchived.ShouldBeTrue();
        goal.CountsInFigures.ShouldBeFalse();
        Should.Throw<DomainRuleException>(() => goal.MoveTo(GoalState.Achieved));
        goal.State.ShouldBe(GoalState.Active);
    }

    [Fact]
    public void GoalRestore_ArchivedGoal_AllowsMoveToAgain()
    {
        var goal = GoalIn(GoalState.Active);
        goal.Archive();

        goal.Restore();
        goal.MoveTo(GoalState.Achieved);

        goal.IsArchived.ShouldBeFalse();
        goal.State.ShouldBe(GoalState.Achieved);
    }

    [Fact]
    public void GoalArchive_AlreadyArchived_Throws()
    {
        var goal = NewGoal();
        goal.Archive();

        Should.Throw<DomainRuleException>(goal.Archive);
    }

    [Fact]
    public void GoalRestore_NotArchived_Throws()
    {
        var goal = NewGoal();

        Should.Throw<DomainRuleException>(goal.Restore);
    }

    [Theory]
    [InlineData(ActionState.Planned, ActionState.InProgress)]
    [InlineData(ActionState.Planned, ActionState.Done)]
    [InlineData(ActionState.Planned, ActionState.Blocked)]
    [InlineData(ActionState.Planned, ActionState.Cancelled)]
    [InlineData(ActionState.InProgress, ActionState.Done)]
    [InlineData(ActionState.InProgress, ActionState.Blocked)]
    [InlineData(ActionState.InProgress, ActionState.Cancelled)]
    [InlineData(ActionState.Blocked, ActionState.InProgress)]
    [InlineData(ActionState.Blocked, ActionState.Cancelled)]
    [InlineData(ActionState.Done, ActionState.InProgress)]
    [InlineData(ActionState.Cancelled, ActionState.Planned)]
    public void ActionMoveTo_AllowedTransition_ChangesState(ActionState from, ActionState to)
    {
        var action = ActionIn(from);

        action.MoveTo(to);

        action.State.ShouldBe(to);
    }

    [Theory]
    [InlineData(ActionState.InProgress, ActionState.Planned)]
    [InlineData(ActionState.Blocked, ActionState.Done)]
    [InlineData(ActionState.Done, ActionState.Cancelled)]
    [InlineData(ActionState.Done, ActionState.Blocked)]
    [InlineData(ActionState.Cancelled, ActionState.Done)]
    [InlineData(ActionState.Cancelled, ActionState.InProgress)]
    public void ActionMoveTo_RefusedTransition_ThrowsAndKeepsState(ActionState from, ActionState to)
    {
        var action = ActionIn(from);

        Should.Throw<DomainRuleException>(() => action.MoveTo(to));

        action.State.ShouldBe(from);
    }

    [Fact]
    public void ActionMoveTo_SameState_IsNoOp()
    {
        var action = ActionIn(ActionState.Done);

        action.MoveTo(ActionState.Done);

        action.State.ShouldBe(ActionState.Done);
    }

    [Fact]
    public void ActionProgress_AfterMoveToDone_IsOne()
    {
        var action = ActionIn(ActionState.InProgress);
        action.ReportedProgress = 0.4;

        action.MoveTo(ActionState.Done);
        var progress = Rollup.ActionProgress(action.State, action.ReportedProgress);

        progress.ShouldBe(1);
    }

    [Fact]
    public void NewPeriod_IsPlanningAndWritable()
    {
        var period = NewPeriod();

        period.State.ShouldBe(PeriodState.Planning);
        Should.NotThrow(period.EnsureWritable);
    }

    [Fact]
    public void PeriodActivateThenClose_FromPlanning_EndsClosed()
    {
        var period = NewPeriod();

        period.Activate();
        period.State.ShouldBe(PeriodState.Active);
        period.Close();

        period.State.ShouldBe(PeriodState.Closed);
    }

    [Fact]
    public void PeriodClose_FromPlanning_Throws()
    {
        var period = NewPeriod();

        Should.Throw<DomainRuleException>(period.Close);

        period.State.ShouldBe(PeriodState.Planning);
    }

    [Fact]
    public void PeriodActivate_WhenActive_Throws()
    {
        var period = NewPeriod();
        period.Activate();

        Should.Throw<DomainRuleException>(period.Activate);
    }

    [Fact]
    public void PeriodActivateOrClose_WhenClosed_Throws()
    {
        var period = ClosedPeriod();

        Should.Throw<DomainRuleException>(period.Activate);
        Should.Throw<DomainRuleException>(period.Close);

        period.State.ShouldBe(PeriodState.Closed);
    }

    [Fact]
    public void PeriodEnsureWritable_WhenActive_DoesNotThrow()
    {
        var period = NewPeriod();
        period.Activate();

        Should.NotThrow(period.EnsureWritable);
    }

    [Fact]
    public void PeriodEnsureWritable_WhenClosed_Throws()
    {
        var period = ClosedPeriod();

        Should.Throw<DomainRuleException>(period.EnsureWritable);
    }

    [Fact]
    public void PeriodEnsureActiveForCheckIns_WhenActive_DoesNotThrow()
    {
        var period = NewPeriod();
        period.Activate();

        Should.NotThrow(period.EnsureActiveForCheckIns);
    }

    [Fact]
    public void PeriodEnsureActiveForCheckIns_WhenPlanningOrClosed_Throws()
    {
        var planning = NewPeriod();
        var closed = ClosedPeriod();

        Should.Throw<DomainRuleException>(planning.EnsureActiveForCheckIns);
        Should.Throw<DomainRuleException>(closed.EnsureActiveForCheckIns);
    }

    [Fact]
    public void PeriodBounds_EndDate_IsIncludedUntilMidnightUtc()
    {
        var period = NewPeriod();

        period.StartsAtUtc.ShouldBe(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        period.EndsAtUtc.ShouldBe(new DateTime(2027, 7, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void GoalThemeReview_AcceptedWithoutComment_RecordsDecision()
    {
        var alignment = NewAlignment();
        var reviewer = Guid.NewGuid();

        alignment.Review(AlignmentReviewState.Accepted, null, reviewer, Now);

        alignment.ReviewState.ShouldBe(AlignmentReviewState.Accepted);
        alignment.ReviewedById.ShouldBe(reviewer);
        alignment.ReviewedAt.ShouldBe(Now);
        alignment.Counts.ShouldBeTrue();
    }

    [Theory]
    [InlineData(AlignmentReviewState.ChangesRequested, null)]
    [InlineData(AlignmentReviewState.ChangesRequested, "  ")]
    [InlineData(AlignmentReviewState.Rejected, null)]
    [InlineData(AlignmentReviewState.Rejected, "")]
    public void GoalThemeReview_NonAcceptedWithoutComment_Throws(AlignmentReviewState decision, string? comment)
    {
        var alignment = NewAlignment();

        Should.Throw<DomainRuleException>(() => alignment.Review(decision, comment, Guid.NewGuid(), Now));

        alignment.ReviewState.ShouldBe(AlignmentReviewState.Proposed);
    }

    [Fact]
    public void GoalThemeReview_RejectedWithComment_StopsCounting()
    {
        var alignment = NewAlignment();

        alignment.Review(AlignmentReviewState.Rejected, "The goal does not serve this theme.", Guid.NewGuid(), Now);

        alignment.ReviewState.ShouldBe(AlignmentReviewState.Rejected);
        alignment.ReviewComment.ShouldBe("The goal does not serve this theme.");
        alignment.Counts.ShouldBeFalse();
    }

    [Fact]
    public void GoalThemeReview_Proposed_IsNotADecision()
    {
        var alignment = NewAlignment();

        Should.Throw<DomainRuleException>(() => alignment.Review(AlignmentReviewState.Proposed, "Looks fine", Guid.NewGuid(), Now));
    }

    [Fact]
    public void GoalThemeRevise_AfterRejection_ReturnsToProposedAndClearsReview()
    {
        var alignment = NewAlignment();
        alignment.Review(AlignmentReviewState.Rejected, "Not green", Guid.NewGuid(), Now);

        alignment.Revise("Cuts the unit's CO2 by a fifth.");

        alignment.ReviewState.ShouldBe(AlignmentReviewState.Proposed);
        alignment.Rationale.ShouldBe("Cuts the unit's CO2 by a fifth.");
        alignment.ReviewComment.ShouldBeNull();
        alignment.ReviewedById.ShouldBeNull();
        alignment.ReviewedAt.ShouldBeNull();
        Should.NotThrow(() => alignment.Review(AlignmentReviewState.Accepted, null, Guid.NewGuid(), Now));
    }

    [Fact]
    public void GoalThemeReview_AfterRejectionWithoutRevision_Throws()
    {
        var alignment = NewAlignment();
        alignment.Review(AlignmentReviewState.Rejected, "Not green", Guid.NewGuid(), Now);

        Should.Throw<DomainRuleException>(() => alignment.Review(AlignmentReviewState.Accepted, null, Guid.NewGuid(), Now));
    }

    [Theory]
    [InlineData(MetricKind.YesNo, Direction.Increase, 0, 1)]
    [InlineData(MetricKind.Number, Direction.Increase, 10, 20)]
    [InlineData(MetricKind.Number, Direction.Increase, 10, 10)]
    [InlineData(MetricKind.Currency, Direction.Decrease, 500, 300)]
    [InlineData(MetricKind.Percentage, Direction.Decrease, 30, 10)]
    [InlineData(MetricKind.Percentage, Direction.Increase, 0, 100)]
    public void KeyResultEnsureShape_ValidShape_DoesNotThrow(MetricKind kind, Direction direction, double start, double target)
    {
        var keyResult = NewKeyResult(kind, direction, start, target);

        Should.NotThrow(keyResult.EnsureShape);
    }

    [Theory]
    [InlineData(MetricKind.YesNo, Direction.Increase, 0, 5)]
    [InlineData(MetricKind.YesNo, Direction.Increase, 1, 1)]
    [InlineData(MetricKind.Number, Direction.Increase, 20, 10)]
    [InlineData(MetricKind.Currency, Direction.Decrease, 300, 500)]
    [InlineData(MetricKind.Percentage, Direction.Increase, 50, 120)]
    [InlineData(MetricKind.Percentage, Direction.Decrease, 10, -5)]
    [InlineData(MetricKind.Milestone, Direction.Increase, 0, 0)]
    public void KeyResultEnsureShape_InvalidShape_Throws(MetricKind kind, Direction direction, double start, double target)
    {
        var keyResult = NewKeyResult(kind, direction, start, target);

        Should.Throw<DomainRuleException>(keyResult.EnsureShape);
    }

    [Fact]
    public void KeyResultEnsureShape_MilestoneWithMilestones_DoesNotThrow()
    {
        var keyResult = NewKeyResult(MetricKind.Milestone, Direction.Increase, 0, 0);
        keyResult.Milestones.Add(new Milestone { Title = "Partners signed" });

        Should.NotThrow(keyResult.EnsureShape);
    }

    [Fact]
    public void KeyResultComputeProgress_TwoOfFourMilestonesDone_IsHalf()
    {
        var keyResult = NewKeyResult(MetricKind.Milestone, Direction.Increase, 0, 0);
        keyResult.Milestones.AddRange([
            new Milestone { Title = "1", Done = true },
            new Milestone { Title = "2", Done = true },
            new Milestone { Title = "3" },
            new Milestone { Title = "4" },
        ]);

        var progress = keyResult.ComputeProgress();

        progress.ShouldBe(0.5);
    }

    [Fact]
    public void CollaborationEnsureShape_CrossUnitWithPartnerUnit_DoesNotThrow()
    {
        var collaboration = new Collaboration { Kind = CollaborationKind.CrossUnit, PartnerUnitId = Guid.NewGuid() };

        Should.NotThrow(collaboration.EnsureShape);
    }

    [Fact]
    public void CollaborationEnsureShape_GoalDependencyWithPartnerGoal_DoesNotThrow()
    {
        var collaboration = new Collaboration { Kind = CollaborationKind.GoalDependency, PartnerGoalId = Guid.NewGuid() };

        Should.NotThrow(collaboration.EnsureShape);
    }

    [Theory]
    [InlineData(CollaborationKind.External)]
    [InlineData(CollaborationKind.CoCreation)]
    public void CollaborationEnsureShape_ExternalKindWithPartnerName_DoesNotThrow(CollaborationKind kind)
    {
        var collaboration = new Collaboration { Kind = kind, PartnerName = "Aarhus Citizens' Panel" };

        Should.NotThrow(collaboration.EnsureShape);
    }

    [Theory]
    [InlineData(CollaborationKind.CrossUnit, false, false, null, nameof(Collaboration.PartnerUnitId))]
    [InlineData(CollaborationKind.CrossUnit, true, true, null, nameof(Collaboration.PartnerGoalId))]
    [InlineData(CollaborationKind.GoalDependency, false, false, null, nameof(Collaboration.PartnerGoalId))]
    [InlineData(CollaborationKind.GoalDependency, true, true, null, nameof(Collaboration.PartnerUnitId))]
    [InlineData(CollaborationKind.CrossUnit, true, false, "Partner", nameof(Collaboration.PartnerName))]
    [InlineData(CollaborationKind.GoalDependency, false, true, "Partner", nameof(Collaboration.PartnerName))]
    [InlineData(CollaborationKind.External, false, false, null, nameof(Collaboration.PartnerName))]
    [InlineData(CollaborationKind.External, false, false, " ", nameof(Collaboration.PartnerName))]
    [InlineData(CollaborationKind.External, true, false, "Partner", nameof(Collaboration.PartnerUnitId))]
    [InlineData(CollaborationKind.CoCreation, false, true, "Partner", nameof(Collaboration.PartnerGoalId))]
    public void CollaborationEnsureShape_WrongPartnerFields_ThrowsAndNamesTheFieldAtFault(CollaborationKind kind, bool unit, bool goal, string? name, string field)
    {
        Collaboration.MisplacedPartner(kind, unit ? Guid.NewGuid() : null, goal ? Guid.NewGuid() : null, name).ShouldBe(field);
        var collaboration = new Collaboration
        {
            Kind = kind,
            PartnerUnitId = unit ? Guid.NewGuid() : null,
            PartnerGoalId = goal ? Guid.NewGuid() : null,
            PartnerName = name,
        };

        Should.Throw<DomainRuleException>(collaboration.EnsureShape);
    }

    [Fact]
    public void CollaborationCreate_ExternalWithPaddedTexts_TrimsThem()
    {
        var goalId = Guid.NewGuid();

        var collaboration = Collaboration.Create(goalId, null, CollaborationKind.External, null, null, "  Aarhus Citizens' Panel ", null, DateTime.UnixEpoch);

        (collaboration.GoalId, collaboration.ActionId, collaboration.PartnerName, collaboration.Description)
            .ShouldBe((goalId, (Guid?)null, "Aarhus Citizens' Panel", ""));
    }

    [Fact]
    public void CollaborationCreate_CrossUnitWithBlankPartnerName_StoresNoName()
    {
        var collaboration = Collaboration.Create(null, Guid.NewGuid(), CollaborationKind.CrossUnit, Guid.NewGuid(), null, " ", " Together ", DateTime.UnixEpoch);

        collaboration.PartnerName.ShouldBeNull();
        collaboration.Description.ShouldBe("Together");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void CollaborationCreate_WithoutExactlyOneOwner_Throws(bool goal, bool action)
    {
        Should.Throw<ArgumentException>(() => Collaboration.Create(
            goal ? Guid.NewGuid() : null, action ? Guid.NewGuid() : null, CollaborationKind.External, null, null, "Partner", null, DateTime.UnixEpoch));
    }

    [Fact]
    public void CollaborationCreate_InTheWrongShape_Throws()
    {
        Should.Throw<DomainRuleException>(() => Collaboration.Create(Guid.NewGuid(), null, CollaborationKind.CrossUnit, null, null, "Partner", null, DateTime.UnixEpoch));
    }

    [Fact]
    public void CollaborationCrossesBoundary_CrossUnitToOwnUnit_IsFalse()
    {
        var ownUnit = Guid.NewGuid();
        var collaboration = new Collaboration { Kind = CollaborationKind.CrossUnit, PartnerUnitId = ownUnit };

        collaboration.CrossesBoundary(ownUnit).ShouldBeFalse();
    }

    [Fact]
    public void CollaborationCrossesBoundary_CrossUnitToOtherUnit_IsTrue()
    {
        var collaboration = new Collaboration { Kind = CollaborationKind.CrossUnit, PartnerUnitId = Guid.NewGuid() };

        collaboration.CrossesBoundary(Guid.NewGuid()).ShouldBeTrue();
    }

    [Theory]
    [InlineData(CollaborationKind.GoalDependency)]
    [InlineData(CollaborationKind.External)]
    [InlineData(CollaborationKind.CoCreation)]
    public void CollaborationCrossesBoundary_OtherKinds_IsTrue(CollaborationKind kind)
    {
        var collaboration = new Collaboration { Kind = kind, PartnerGoalId = Guid.NewGuid(), PartnerName = "Partner" };

        collaboration.CrossesBoundary(Guid.NewGuid()).ShouldBeTrue();
    }

    [Fact]
    public void OrgUnitCreate_RootAndChild_BuildsMaterialisedPaths()
    {
        var root = OrgUnit.Create("AAK", "Aarhus Kommune", OrgUnitKind.Municipality, null);

        var child = OrgUnit.Create("BU", "Børn og Unge", OrgUnitKind.Department, root);

        root.Path.ShouldBe($"/{root.Id:N}/");
        root.ParentId.ShouldBeNull();
        child.Path.ShouldBe($"/{root.Id:N}/{child.Id:N}/");
        child.ParentId.ShouldBe(root.Id);
    }

    [Fact]
    public void OrgUnitIsInSubtreeOf_AncestorsSelfAndSiblings_AnswersByPath()
    {
        var root = OrgUnit.Create("AAK", "Aarhus Kommune", OrgUnitKind.Municipality, null);
        var department = OrgUnit.Create("BU", "Børn og Unge", OrgUnitKind.Department, root);
        var sibling = OrgUnit.Create("TM", "Teknik og Miljø", OrgUnitKind.Department, root);
        var unit = OrgUnit.Create("BU-1", "Dagtilbud", OrgUnitKind.Unit, department);

        unit.IsInSubtreeOf(root.Path).ShouldBeTrue();
        unit.IsInSubtreeOf(department.Path).ShouldBeTrue();
        unit.IsInSubtreeOf(unit.Path).ShouldBeTrue();
        unit.IsInSubtreeOf(sibling.Path).ShouldBeFalse();
        root.IsInSubtreeOf(department.Path).ShouldBeFalse();
    }

    [Fact]
    public void OrgUnitMoveTo_UnderOwnDescendant_ThrowsAndKeepsPath()
    {
        var root = OrgUnit.Create("AAK", "Aarhus Kommune", OrgUnitKind.Municipality, null);
        var department = OrgUnit.Create("BU", "Børn og Unge", OrgUnitKind.Department, root);
        var unit = OrgUnit.Create("BU-1", "Dagtilbud", OrgUnitKind.Unit, department);
        var path = department.Path;

        Should.Throw<DomainRuleException>(() => department.MoveTo(unit));
        Should.Throw<DomainRuleException>(() => department.MoveTo(department));

        department.Path.ShouldBe(path);
        department.ParentId.ShouldBe(root.Id);
    }

    [Fact]
    public void OrgUnitMoveTo_UnderOtherUnit_ReturnsOldPathAndReplaces()
    {
        var root = OrgUnit.Create("AAK", "Aarhus Kommune", OrgUnitKind.Municipality, null);
        var department = OrgUnit.Create("BU", "Børn og Unge", OrgUnitKind.Department, root);
        var other = OrgUnit.Create("TM", "Teknik og Miljø", OrgUnitKind.Department, root);
        var division = OrgUnit.Create("BU-D", "Dagtilbud", OrgUnitKind.Division, department);
        var before = division.Path;

        var old = division.MoveTo(other);

        old.ShouldBe(before);
        division.ParentId.ShouldBe(other.Id);
        division.Path.ShouldBe($"{other.Path}{division.Id:N}/");
    }

    [Fact]
    public void OrgUnitReroot_DescendantOfMovedUnit_FollowsItsAncestor()
    {
        var root = OrgUnit.Create("AAK", "Aarhus Kommune", OrgUnitKind.Municipality, null);
        var department = OrgUnit.Create("BU", "Børn og Unge", OrgUnitKind.Department, root);
        var other = OrgUnit.Create("TM", "Teknik og Miljø", OrgUnitKind.Department, root);
        var division = OrgUnit.Create("BU-D", "Dagtilbud", OrgUnitKind.Division, department);
        var team = OrgUnit.Create("BU-D-1", "Team Nord", OrgUnitKind.Unit, division);

        var old = division.MoveTo(other);
        team.Reroot(old, division.Path);

        team.Path.ShouldBe($"{other.Path}{division.Id:N}/{team.Id:N}/");
        team.IsInSubtreeOf(other.Path).ShouldBeTrue();
        team.IsInSubtreeOf(department.Path).ShouldBeFalse();
    }

    [Fact]
    public void ApiTokenNewSecret_TwoCalls_AreUrlSafePrefixedAndDifferent()
    {
        var first = ApiToken.NewSecret();
        var second = ApiToken.NewSecret();

        first.ShouldStartWith(ApiToken.Prefix);
        first.ShouldStartWith("vt_");
        first.Length.ShouldBeGreaterThan(40);
        first.IndexOfAny(['+', '/', '=']).ShouldBe(-1);
        second.ShouldNotBe(first);
    }

    [Fact]
    public void ApiTokenHashOf_SameSecret_IsDeterministicHexAndNotTheSecret()
    {
        var secret = ApiToken.NewSecret();

        var hash = ApiToken.HashOf(secret);

        hash.ShouldBe(ApiToken.HashOf(secret));
        hash.ShouldNotBe(secret);
        hash.ShouldNotContain(secret);
        hash.Length.ShouldBe(64);
        hash.ShouldMatch("^[0-9a-f]{64}$");
        ApiToken.HashOf(ApiToken.NewSecret()).ShouldNotBe(hash);
    }

    [Fact]
    public void ApiTokenHashOf_KnownInput_IsSha256()
    {
        var hash = ApiToken.HashOf("abc");

        hash.ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(1, null, true)]
    [InlineData(0, null, false)]
    [InlineData(-1, null, false)]
    [InlineData(null, -1, false)]
    [InlineData(1, -1, false)]
    public void ApiTokenIsValidAt_ByExpiryAndRevocation_IsValidOnlyUnexpiredAndUnrevoked(int? expiresInHours, int? revokedHoursAgo, bool valid)
    {
        var token = new ApiToken
        {
            Name = "Power BI",
            Hash = ApiToken.HashOf("vt_secret"),
            CreatedAt = Now.AddDays(-1),
            ExpiresAt = expiresInHours is { } e ? Now.AddHours(e) : null,
            RevokedAt = revokedHoursAgo is { } r ? Now.AddHours(r) : null,
        };

        var result = token.IsValidAt(Now);

        result.ShouldBe(valid);
    }

    private static Goal NewGoal() => new() { Title = "More children in green day care", CitizenValue = "Children play outdoors daily" };

    private static Goal GoalIn(GoalState state)
    {
        var goal = NewGoal();
        GoalState[] path = state switch
        {
            GoalState.Draft => [],
            GoalState.Active => [GoalState.Active],
            GoalState.Achieved => [GoalState.Active, GoalState.Achieved],
            _ => [GoalState.Abandoned],
        };
        foreach (var step in path)
        {
            goal.MoveTo(step);
        }

        goal.State.ShouldBe(state);
        return goal;
    }

    private static LeaderAction ActionIn(ActionState state)
    {
        var action = new LeaderAction { Title = "Run a co-creation workshop" };
        action.MoveTo(state);
        action.State.ShouldBe(state);
        return action;
    }

    private static Period NewPeriod() => new() { Name = "2027 H1", Start = new DateOnly(2027, 1, 1), End = new DateOnly(2027, 6, 30) };

    private static Period ClosedPeriod()
    {
        var period = NewPeriod();
        period.Activate();
        period.Close();
        return period;
    }

    private static GoalTheme NewAlignment() => new() { GoalId = Guid.NewGuid(), ThemeId = Guid.NewGuid(), Rationale = "Greener day care" };

    private static KeyResult NewKeyResult(MetricKind kind, Direction direction, double start, double target) => new()
    {
        Title = "Key result",
        MetricKind = kind,
        Direction = direction,
        StartValue = start,
        TargetValue = target,
        CurrentValue = start,
    };
}
