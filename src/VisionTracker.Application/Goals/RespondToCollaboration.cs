using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Notifications;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Goals;
using VisionTracker.Domain.Notifications;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.Goals;

/// <summary>
/// The partner side answers a collaboration that names it: leaders (or more) of the partner unit, or for a dependency the
/// partner goal's owner or a department head over it. The answer is audited with the collaboration, and the owner of the
/// goal or action it belongs to is told in the app and by e-mail, in their language.
/// </summary>
public sealed record RespondToCollaborationCommand(Guid CollaborationId, CollaborationResponse Response, string? Comment) : ICommand<CollaborationDto>;

public sealed class RespondToCollaborationValidator : AbstractValidator<RespondToCollaborationCommand>
{
    public RespondToCollaborationValidator()
    {
        RuleFor(c => c.Response).IsInEnum().NotEqual(CollaborationResponse.Pending).WithText(nameof(ErrorTexts.CollaborationAnswerConfirmedOrDeclined));
        RuleFor(c => c.Comment).MaximumLength(2000);
        RuleFor(c => c.Comment).NotEmpty().When(c => c.Response == CollaborationResponse.Declined).WithText(nameof(ErrorTexts.CollaborationDeclineNeedsComment));
    }
}

public sealed class RespondToCollaborationHandler(IVisionTrackerDbContext db, AccessPolicy access, ReminderContext messages)
    : ICommandHandler<RespondToCollaborationCommand, CollaborationDto>
{
    public async ValueTask<CollaborationDto> Handle(RespondToCollaborationCommand command, CancellationToken cancellationToken)
    {
        var collaboration = await db.Collaborations.FirstOrDefaultAsync(c => c.Id == command.CollaborationId, cancellationToken)
            ?? throw new NotFoundException("Collaboration", command.CollaborationId);
        var source = await IncomingCollaborations.SourceAsync(db, collaboration, cancellationToken);
        var partner = await IncomingCollaborations.PartnerAsync(db, collaboration, cancellationToken);
        if (partner is null || !access.CanRead(partner.Path))
        {
            if (!access.CanRead(source.Path))
            {
                throw new NotFoundException("Collaboration", collaboration.Id);
            }

            throw new ForbiddenException(nameof(ErrorTexts.ForbiddenCollaborationPartnerOnly));
        }

        if (!IncomingCollaborations.MayAnswer(access, partner))
        {
            throw new ForbiddenException(partner.OwnerId is null
                ? nameof(ErrorTexts.ForbiddenCollaborationLeaderNeeded)
                : nameof(ErrorTexts.ForbiddenDependencyOwnerOnly));
        }

        source.Period.EnsureWritable();
        collaboration.Respond(command.Response, command.Comment, access.PersonId, messages.Now);
        await TellOwnerAsync(collaboration, source, partner, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Collaborations.AsNoTracking().Where(c => c.Id == collaboration.Id).ProjectToDto().FirstAsync(cancellationToken);
    }

    private async Task TellOwnerAsync(Collaboration collaboration, CollaborationSource source, CollaborationPartner partner, CancellationToken ct)
    {
        var recipients = await messages.ActiveRecipientsAsync([source.OwnerId], ct);
        if (!recipients.TryGetValue(source.OwnerId, out var to))
        {
            return;
        }

        var who = await db.People.AsNoTracking().Where(p => p.Id == access.PersonId).Select(p => p.Name).FirstAsync(ct);
        var t = to.Texts;
        var c = CollaborationAnswerTexts.For(to.Culture);
        var answer = c.Answers[collaboration.Response!.Value];
        var body = new MessageBuilder()
            .Paragraph(t.Format(t.Greeting, to.Name))
            .Paragraph(t.Format(c.Body, who, partner.Name, source.Title, answer));
        if (collaboration.ResponseComment is { } comment)
        {
            body.Paragraph(t.Format(c.Comment, comment));
        }

        body.Item(source.Title, source.ActionId is { } actionId ? messages.Links.Action(source.GoalId, actionId) : messages.Links.Goal(source.GoalId));
        messages.Add(to, NotificationKind.CollaborationAnswered, $"collaboration-answer:{collaboration.Id}:{collaboration.RespondedAt!.Value.Ticks}",
            t.Format(c.Subject, source.Title, partner.Name, answer), body);
    }
}

/// <summary>What the owner's message about an answer says, in Danish and English.</summary>
public sealed class CollaborationAnswerTexts
{
    private static readonly CollaborationAnswerTexts Danish = new()
    {
        Subject = "Samarbejdet om \"{0}\" med {1}: {2}",
        Body = "{0} har svaret for {1} på samarbejdet om \"{2}\": {3}.",
        Comment = "Kommentar: {0}",
        Answers = new Dictionary<CollaborationResponse, string>
        {
            [CollaborationResponse.Pending] = "afventer",
            [CollaborationResponse.Confirmed] = "bekræftet",
            [CollaborationResponse.Declined] = "afvist",
        },
    };

    private static readonly CollaborationAnswerTexts English = new()
    {
        Subject = "The collaboration on \"{0}\" with {1}: {2}",
        Body = "{0} answered for {1} on the collaboration on \"{2}\": {3}.",
        Comment = "Comment: {0}",
        Answers = new Dictionary<CollaborationResponse, string>
        {
            [CollaborationResponse.Pending] = "pending",
            [CollaborationResponse.Confirmed] = "confirmed",
            [CollaborationResponse.Declined] = "declined",
        },
    };

    public required string Subject { get; init; }
    public required string Body { get; init; }
    public required string Comment { get; init; }
    public required IReadOnlyDictionary<CollaborationResponse, string> Answers { get; init; }

    public static CollaborationAnswerTexts For(string? culture) =>
        string.Equals(culture, "en", StringComparison.OrdinalIgnoreCase) ? English : Danish;
}
