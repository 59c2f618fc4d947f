using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Planning;

namespace VisionTracker.Application.Periods;

public sealed record CreatePeriodCommand(string Name, DateOnly Start, DateOnly End) : ICommand<PeriodDto>;

public sealed class CreatePeriodValidator : AbstractValidator<CreatePeriodCommand>
{
    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2199, 12, 31);

    public CreatePeriodValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Start).NotEmpty().InclusiveBetween(Earliest, Latest).WithText(nameof(ErrorTexts.PeriodDateRange), "Start", Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        RuleFor(c => c.End).NotEmpty().InclusiveBetween(Earliest, Latest).WithText(nameof(ErrorTexts.PeriodDateRange), "End", Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        RuleFor(c => c.End).GreaterThan(c => c.Start).WithText(nameof(ErrorTexts.PeriodEndBeforeStart));
    }
}

public sealed class CreatePeriodHandler(IVisionTrackerDbContext db, AccessPolicy access) : ICommandHandler<CreatePeriodCommand, PeriodDto>
{
    public async ValueTask<PeriodDto> Handle(CreatePeriodCommand command, CancellationToken cancellationToken)
    {
        access.EnsureGlobalAdmin();
        if (await db.Periods.AnyAsync(p => p.Name == command.Name, cancellationToken))
        {
            throw new Domain.Common.DomainRuleException(nameof(Domain.Common.ErrorTexts.PeriodNameTaken), command.Name);
        }

        var period = new Period { Name = command.Name.Trim(), Start = command.Start, End = command.End };
        db.Periods.Add(period);
        await db.SaveChangesAsync(cancellationToken);
        return period.ToDto();
    }
}
