using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using VisionTracker.Application.Actions;
using VisionTracker.Application.CheckIns;
using VisionTracker.Application.Goals;
using VisionTracker.Application.KeyResults;
using VisionTracker.Application.Org;
using VisionTracker.Application.Visions;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Goals;
using VisionTracker.Web.Components.Shared;
using VisionTracker.Web.Forms;

namespace VisionTracker.Web.Components.Pages;

/// <summary>Everything about a goal, and the forms to change it for those allowed (asked of the Application, not decided here).</summary>
public partial class GoalPage
{
    private GoalDetailDto? goal;
    private IReadOnlyList<AlignmentReviewDto> reviews = [];
    private GoalPermissionsDto? permissions;
    private GoalHistoryDto? history;
    private GoalLinkDto? parent;
    private IReadOnlyList<GoalLinkDto> children = [];
    private IReadOnlyList<ThemeDto> themes = [];
    private bool periodActive;
    private string? saved;
    private bool editing;
    private GoalDetailDto? current;
    private GoalLinkChoicesDto? choices;
    private IReadOnlyList<OrgUnitDto> units = [];
    private Guid? krErrorsFor;

    [Parameter] public Guid Id { get; set; }

    [SupplyParameterFromQuery(Name = "created")] private bool Created { get; set; }

    [SupplyParameterFromForm(Name = "Edit")] private GoalFields.Form? Edit { get; set; }

    [SupplyParameterFromForm(Name = "Kr")] private KeyResultFields.Form? Kr { get; set; }

    [SupplyParameterFromForm(Name = "Act")] private ActionForm? Act { get; set; }

    [SupplyParameterFromForm(Name = "Align")] private AlignForm? Align { get; set; }

    [SupplyParameterFromForm(Name = "Version")] private int? StateVersion { get; set; }

    [SupplyParameterFromForm(Name = "Upd")] private ActionUpdateForm? Upd { get; set; }

    [SupplyParameterFromForm(Name = "KrEdit")] private KeyResultEditForm? KrEdit { get; set; }

    [SupplyParameterFromForm(Name = "Parent")] private ParentForm? ParentInput { get; set; }

    [SupplyParameterFromForm(Name = "Collab")] private CollaborationForm? Collab { get; set; }

    private Guid? actionErrorsFor;

    private FormErrors KrEditErrors { get; } = new();

    private FormErrors ArchiveErrors { get; } = new();

    private FormErrors ParentErrors { get; } = new();

    private FormErrors CollabErrors { get; } = new();

    private FormErrors ActionErrors { get; } = new();

    private FormErrors EditErrors { get; } = new();

    private FormErrors KrErrors { get; } = new();

    private FormErrors ActErrors { get; } = new();

    private FormErrors AlignErrors { get; } = new();

    private IReadOnlyList<(string Field, string Yours, string Theirs)> Differences { get; set; } = [];

    private IEnumerable<GoalState> NextStates => goal is null ? [] : Enum.GetValues<GoalState>().Where(s => Goal.CanMove(goal.State, s));

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        if (goal is not null)
        {
            Edit ??= GoalFields.Form.From(goal);
            saved = Created && HttpMethods.IsGet(Http.Request.Method) ? T["Goal_Created"].Value : null;
        }
    }

    private async Task LoadAsync()
    {
        goal = await LoadAsync(new GetGoalQuery(Id));
        if (goal is null)
        {
            return;
        }

        permissions = await Sender.Send(new GetGoalPermissionsQuery(Id), Aborted);
        reviews = await Sender.Send(new GetAlignmentReviewsQuery(Id, null), Aborted);
        history = await Sender.Send(new GetGoalHistoryQuery(Id), Aborted);
        periodActive = permissions.PeriodIsActive;
        var family = await Sender.Send(new GetGoalFamilyQuery(Id), Aborted);
        parent = family.Parent;
        children = family.Children;

        themes = await Sender.Send(new GetActiveThemesQuery(), Aborted);
        if (permissions.CanEdit)
        {
            choices = await Sender.Send(new GetGoalLinkChoicesQuery(Id), Aborted);
            units = [.. (await Sender.Send(new GetOrgUnitsQuery(), Aborted)).Where(u => u.Id != goal.OwnerUnitId)];
        }
    }

    private IEnumerable<(string, string)> DirectionOptions =>
        [(nameof(Direction.Increase), T["KeyResult_Increase"].Value), (nameof(Direction.Decrease), T["KeyResult_Decrease"].Value)];

    private IEnumerable<(string, string)> KindOptions => Enum.GetValues<CollaborationKind>().Select(k => (k.ToString(), T[$"Collaboration_{k}"].Value));

    private IEnumerable<(string, string)> UnitOptions => units.Select(u => (u.Id.ToString(), u.Name));

    private static IEnumerable<(string, string)> Choices(IEnumerable<GoalChoiceDto> goals) => goals.Select(g => (g.Id.ToString(), $"{g.Title} ({g.UnitName})"));

    private IReadOnlyList<TrendPointDto> TrendOf(Guid keyResultId) => history?.KeyResults.FirstOrDefault(k => k.KeyResultId == keyResultId)?.Points ?? [];

    private static string ReviewClass(AlignmentReviewState state) => state switch
    {
        AlignmentReviewState.Accepted => "vt-status-ontrack",
        AlignmentReviewState.ChangesRequested => "vt-status-behind",
        AlignmentReviewState.Rejected => "vt-status-atrisk",
        _ => "vt-status-nodata",
    };

    private async Task SaveAsync()
    {
        editing = true;
        var form = Edit!;
        var sent = await TrySendAsync(
            ct => Sender.Send(new UpdateGoalCommand(Id, form.Version, form.Title ?? "", form.Description, form.CitizenValue ?? "", form.Level, form.GreenTransition, form.TagList, null), ct).AsTask(),
            EditErrors);
        if (sent)
        {
            await AfterChangeAsync(T["Goal_Saved"]);
            Edit = GoalFields.Form.From(goal!);
            editing = false;
            return;
        }

        if (EditErrors.Conflict && await LoadAsync(new GetGoalQuery(Id)) is { } now)
        {
            current = now;
            goal = now;
            Differences = form.MergeWith(now).Select(d => (T[$"Goal_Field_{d.Field}"].Value, d.Yours, d.Theirs)).ToList();
        }
    }

    private async Task MoveAsync(GoalState state)
    {
        if (await TrySendAsync(ct => Sender.Send(new ChangeGoalStateCommand(Id, StateVersion, state), ct).AsTask(), EditErrors))
        {
            await AfterChangeAsync(T["Goal_Moved", Display.State(T, state)]);
            Edit = GoalFields.Form.From(goal!);
        }
        else
        {
            editing = true;
        }
    }

    private async Task AddKeyResultAsync()
    {
        var command = Kr!.Build(Id);
        if (await TrySendAsync(ct => Sender.Send(command, ct).AsTask(), KrErrors))
        {
            await AfterChangeAsync(T["Goal_KeyResultAdded", command.Title.Trim()]);
            Kr = new();
        }
    }

    private async Task AddActionAsync()
    {
        var form = Act!;
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(form.DueDate))
        {
            if (DateOnly.TryParseExact(form.DueDate, "yyyy-MM-dd", out var parsed))
            {
                due = parsed;
            }
            else
            {
                ActErrors.Add("DueDate", T["Validation_Date"]);
                return;
            }
        }

        var command = new CreateActionCommand(Id, form.KeyResultId, null, form.Title ?? "", form.Description, due, null, CoCreationLevel.None, false);
        if (await TrySendAsync(ct => Sender.Send(command, ct).AsTask(), ActErrors))
        {
            await AfterChangeAsync(T["Goal_ActionAdded", command.Title.Trim()]);
            Act = new();
        }
    }

    /// <summary>An action's check-in: its state (through the state machine), progress in per cent, confidence and a reflection.</summary>
    private async Task UpdateActionAsync(Guid actionId)
    {
        var form = Upd!;
        var state = Enum.TryParse<ActionState>(form.State, out var s) ? s : (ActionState?)null;
        double? progress = string.IsNullOrWhiteSpace(form.Progress) ? null : Display.TryParse(form.Progress, out var p) ? p / 100 : double.NaN;
        double? confidence = double.TryParse(form.Confidence, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : null;
        if (state == ActionState.Done)
        {
            progress = null;
        }

        var command = new CheckInOnActionCommand(actionId, state, progress, confidence, form.Note, form.IdempotencyKey) { Answers = form.Answers };
        if (await TrySendAsync(ct => Sender.Send(command, ct).AsTask(), ActionErrors))
        {
            await AfterChangeAsync(T["Action_Updated"]);
            Upd = new();
        }
        else
        {
            actionErrorsFor = actionId;
        }
    }

    private async Task AlignAsync()
    {
        var form = Align!;
        if (await TrySendAsync(ct => Sender.Send(new AlignGoalCommand(Id, null, form.ThemeId ?? Guid.Empty, form.Rationale ?? ""), ct).AsTask(), AlignErrors))
        {
            await AfterChangeAsync(T["Goal_Aligned"]);
            Align = new();
        }
    }

    /// <summary>A key result's texts and weight; its measure (start, target, direction) only while the goal is a numeric Draft.</summary>
    private async Task SaveKeyResultAsync(KeyResultSummaryDto kr)
    {
        var form = KrEdit!;
        var measure = goal!.State == GoalState.Draft && kr.MetricKind is not (MetricKind.YesNo or MetricKind.Milestone);
        // A number the culture cannot read goes on as NaN, so the validator reports it with every other field at once.
        double? Number(string? text) => Display.TryParse(text, out var v) ? v : double.NaN;
        var command = new UpdateKeyResultCommand(kr.Id, form.Version, form.Title ?? "", string.IsNullOrWhiteSpace(form.Unit) ? null : form.Unit, null,
            Number(form.Weight), measure ? Number(form.StartValue) : null, measure ? Number(form.TargetValue) : null,
            measure ? (form.Direction == nameof(Direction.Decrease) ? Direction.Decrease : Direction.Increase) : null);
        if (await SendAsync(ct => Sender.Send(command, ct).AsTask(), KrEditErrors))
        {
            await AfterChangeAsync(T["KeyResult_Saved", command.Title.Trim()]);
            KrEdit = null;
        }
        else
        {
            krErrorsFor = kr.Id;
        }
    }

    private async Task DeleteKeyResultAsync(KeyResultSummaryDto kr)
    {
        if (await SendAsync(ct => Sender.Send(new DeleteKeyResultCommand(kr.Id, StateVersion), ct).AsTask(), KrEditErrors))
        {
            await AfterChangeAsync(T["KeyResult_Deleted", kr.Title]);
        }
        else
        {
            krErrorsFor = kr.Id;
        }
    }

    private async Task ArchiveAsync(bool archived)
    {
        if (await SendAsync(ct => Sender.Send(new ArchiveGoalCommand(Id, StateVersion, archived), ct).AsTask(), ArchiveErrors))
        {
            await AfterChangeAsync(archived ? T["Goal_ArchivedDone"] : T["Goal_Restored"]);
            Edit = GoalFields.Form.From(goal!);
        }
    }

    private async Task SetParentAsync()
    {
        var parentId = ParentInput?.ParentGoalId;
        if (await SendAsync(ct => Sender.Send(new SetGoalParentCommand(Id, StateVersion, parentId), ct).AsTask(), ParentErrors))
        {
            await LoadAsync();
            saved = parent is null ? T["Goal_ParentCleared"] : T["Goal_ParentSet", parent.Title];
            Edit = GoalFields.Form.From(goal!);
        }
    }

    /// <summary>The kind decides which partner is named; fields for the other kinds are left out rather than refused.</summary>
    private async Task AddCollaborationAsync()
    {
        var form = Collab!;
        var kind = Enum.TryParse<CollaborationKind>(form.Kind, out var k) && Enum.IsDefined(k) ? k : (CollaborationKind)(-1);
        var command = new AddGoalCollaborationCommand(Id, StateVersion, kind,
            kind == CollaborationKind.CrossUnit ? form.PartnerUnitId : null,
            kind == CollaborationKind.GoalDependency ? form.PartnerGoalId : null,
            kind is CollaborationKind.External or CollaborationKind.CoCreation ? form.PartnerName : null,
            form.Description);
        if (await SendAsync(ct => Sender.Send(command, ct).AsTask(), CollabErrors))
        {
            await AfterChangeAsync(T["Goal_CollaborationAdded"]);
            Edit = GoalFields.Form.From(goal!);
            Collab = new();
        }
    }

    private async Task RemoveCollaborationAsync(Guid collaborationId)
    {
        if (await SendAsync(ct => Sender.Send(new RemoveGoalCollaborationCommand(Id, StateVersion, collaborationId), ct).AsTask(), CollabErrors))
        {
            await AfterChangeAsync(T["Goal_CollaborationRemoved"]);
            Edit = GoalFields.Form.From(goal!);
        }
    }

    /// <summary>Like <see cref="WebPage.TrySendAsync"/>; a stale version reloads the goal and asks to try again on the newest.</summary>
    private async Task<bool> SendAsync(Func<CancellationToken, Task> send, FormErrors errors)
    {
        if (await TrySendAsync(send, errors))
        {
            return true;
        }

        if (errors.Conflict)
        {
            errors.General.Add(T["Error_Changed"]);
            await LoadAsync();
        }

        return false;
    }

    private async Task AfterChangeAsync(string message)
    {
        saved = message;
        await LoadAsync();
    }

    public sealed class ActionForm
    {
        public string? Title { get; set; }
        public Guid? KeyResultId { get; set; }
        public string? DueDate { get; set; }
        public string? Description { get; set; }
    }

    public sealed class ActionUpdateForm
    {
        public string? State { get; set; }
        public string? Progress { get; set; }
        public string? Confidence { get; set; }
        public string? Note { get; set; }
        public Dictionary<string, string?>? Answers { get; set; }
        public string? IdempotencyKey { get; set; }
    }

    public sealed class KeyResultEditForm
    {
        public int? Version { get; set; }
        public string? Title { get; set; }
        public string? Unit { get; set; }
        public string? Weight { get; set; }
        public string? StartValue { get; set; }
        public string? TargetValue { get; set; }
        public string? Direction { get; set; }
    }

    public sealed class ParentForm
    {
        public Guid? ParentGoalId { get; set; }
    }

    public sealed class CollaborationForm
    {
        public string? Kind { get; set; }
        public Guid? PartnerUnitId { get; set; }
        public Guid? PartnerGoalId { get; set; }
        public string? PartnerName { get; set; }
        public string? Description { get; set; }
    }

    public sealed class AlignForm
    {
        public Guid? ThemeId { get; set; }
        public string? Rationale { get; set; }
    }
}
