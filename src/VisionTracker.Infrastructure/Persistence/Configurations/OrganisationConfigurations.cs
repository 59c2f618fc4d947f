using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VisionTracker.Domain.Organisation;

namespace VisionTracker.Infrastructure.Persistence.Configurations;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ConfigureVersioned();
        b.Property(u => u.Code).HasMaxLength(32);
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.Path).HasMaxLength(1024);
        b.HasIndex(u => u.Code).IsUnique();
        b.HasIndex(u => u.Path).IsUnique();
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("People");
        b.ConfigureVersioned();
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Email).HasMaxLength(320);
        b.Property(p => p.JobTitle).HasMaxLength(200);
        b.Property(p => p.Culture).HasMaxLength(8);
        b.HasIndex(p => p.Email).IsUnique();
        b.Property(p => p.ExternalId).HasMaxLength(200);
        b.HasIndex(p => p.ExternalId).IsUnique();
        b.HasOne(p => p.HomeUnit).WithMany().HasForeignKey(p => p.HomeUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.RoleAssignments).WithOne(r => r.Person).HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.HasKey(r => r.Id);

        // Roles are ordered (each includes the ones below), and queries compare them: stored as numbers, not names.
        b.Property(r => r.Role).HasConversion<int>();
        b.HasIndex(r => new { r.PersonId, r.OrgUnitId, r.Role }).IsUnique();
        b.HasOne(r => r.OrgUnit).WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.HasIndex(t => t.Hash).IsUnique();
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasOne(t => t.Person).WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadershipFoundationConfiguration : IEntityTypeConfiguration<LeadershipFoundation>
{
    public void Configure(EntityTypeBuilder<LeadershipFoundation> b)
    {
        b.ConfigureVersioned();
        b.Property(f => f.Text).HasMaxLength(20_000);
        b.HasIndex(f => f.PersonId).IsUnique();
        b.HasOne(f => f.Person).WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.PrimitiveCollection(f => f.CommittedGoalIds);
        b.PrimitiveCollection(f => f.CommittedActionIds);
    }
}
