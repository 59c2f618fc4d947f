using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VisionTracker.Application.Common;
using VisionTracker.Application.Reflections;
using VisionTracker.Application.Security;
using VisionTracker.Domain.Actions;
using VisionTracker.Domain.Common;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Application.CheckIns;

/// <summary>The check-in as stored; <see cref="Replayed"/> when an earlier request with the same Idempotency-Key made it.</summary>
public sealed record CheckInResult(CheckInDto CheckIn, bool Replayed);

public static class CheckInRules
{
    public const int MaxIdempotencyKeyLength = 100;

    public static IOrderedQueryable<CheckIn> NewestFirst(this IQueryable<CheckIn> checkIns) =>
        checkIns.OrderByDescending(c => c.At).ThenByDescending(c => c.Id);

    /// <summary>An absent key is fine; a present one is 1–100 characters (the stored column's size).</summary>
    public static IRuleBuilderOptions<T, string?> ValidIdempotencyKey<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(k => k is null || (!string.IsNullOrWhiteSpace(k) && k.Length <= MaxIdempotencyKeyLength))
            .WithText(nameof(ErrorTexts.IdempotencyKeyLength), MaxIdempotencyKeyLength);

    /// <summary>
    /// Who may check in on an owned thing: one of its owners holding Leader or more over the unit, or a department head
    /// (or admin) over it. 404 outside the caller's read scope, 403 inside it.
    /// </summary>
    public static void EnsureCanCheckIn(this AccessPolicy access, string unitPath, IReadOnlyCollection<Guid> owners, string resource, Guid id)
    {
        var held = access.RoleAt(unitPath) ?? throw new NotFoundException(resource, id);
        if (access.CanCheckIn(unitPath, owners))
        {
            return;
        }

        throw new ForbiddenException(
            held == Role.Viewer ? nameof(ErrorTexts.ForbiddenViewerCheckIn) : nameof(ErrorTexts.ForbiddenOwnerCheckIn),
            new ErrorPart("This" + resource));
    }

    public static bool CanCheckIn(this AccessPolicy access, string unitPath, IReadOnlyCollection<Guid> owners) =>
        access.RoleAt(unitPath) is { } held && (held >= Role.DepartmentHead || (held >= Role.Leader && owners.Contains(access.PersonId)));

    /// <summary>
    /// A retry of a check-in this person already made with the same key: the stored check-in, or null when the key is new.
    /// The same key on another subject, or with other content, is a client error (409), not a retry.
    /// </summary>
    public static async Task<CheckInResult?> FindReplayAsync(
        this IVisionTrackerDbContext db, Guid personId, string? key, Guid? keyResultId, Guid? actionId, Func<CheckInDto, bool> sameRequest, CancellationToken ct)
    {
        if (key is null)
        {
            return null;
        }

        var stored = await db.CheckIns.AsNoTracking()
            .Where(c => c.PersonId == personId && c.IdempotencyKey == key)
            .Select(c => new { c.Id, c.KeyResultId, c.ActionId })
            .FirstOrDefaultAsync(ct);
        if (stored is null)
        {
            return null;
        }

        if (stored.KeyResultId != keyResultId || stored.ActionId != actionId)
        {
            throw new DomainRuleException(nameof(ErrorTexts.IdempotencyKeyOtherTarget));
        }

        var replay = await db.ReadCheckInAsync(stored.Id, ct);
        if (!sameRequest(replay))
        {
            throw new DomainRuleException(nameof(ErrorTexts.IdempotencyKeyOtherCheckIn));
        }

        return new CheckInResult(replay, true);
    }

    /// <summary>Whether a stored check-in says what the request's shared fields say (a retry, not a new check-in).</summary>
    public static bool Repeats(this ICheckInFields request, CheckInDto stored) =>
        stored.Confidence == request.Confidence && stored.Note == (request.Note?.Trim() ?? "") && ReflectionAnswers.Same(stored.Answers, request.Answers);

    /// <summary>
    /// Completes a new check-in from the request's shared fields, the caller and the time, and saves it (append-only).
    /// The answer is the check-in as saved; it is read back only when the caller's name is not at hand.
    /// </summary>
    public static async Task<CheckInResult> RecordAsync(
        this IVisionTrackerDbContext db, CheckIn checkIn, ICheckInFields request, AccessPolicy access, DateTime at, TimeZoneInfo zone, CancellationToken ct)
    {
        checkIn.PersonId = access.PersonId;
        checkIn.Stamp(at, zone);
        checkIn.Confidence = request.Confidence!.Value;
        checkIn.Note = request.Note?.Trim() ?? "";
        checkIn.IdempotencyKey = request.IdempotencyKey;
        checkIn.Answers.AddRange(ReflectionAnswers.ToEntities(request.Answers));
        db.CheckIns.Add(checkIn);
        await db.SaveChangesAsync(ct);
        return new CheckInResult(access.PersonName is { } name ? checkIn.ToDto(name) : await db.ReadCheckInAsync(checkIn.Id, ct), false);
    }

    public static async Task<CheckInDto> ReadCheckInAsync(this IVisionTrackerDbContext db, Guid id, CancellationToken ct) =>
        await db.CheckIns.AsNoTracking().Where(c => c.Id == id).ProjectToDto().FirstAsync(ct);

    public static ValidationException Invalid(string property, string message) =>
        new([new FluentValidation.Results.ValidationFailure(property, message)]);
}
