using System.Reflection;
using Mediator;
using NetArchTest.Rules;

namespace VisionTracker.UnitTests.Architecture;

/// <summary>Dependencies point inwards only: Api → Infrastructure → Application → Domain, and Api → Web → Application.</summary>
public sealed class LayerTests
{
    private const string DomainNamespace = "VisionTracker.Domain";
    private const string ApplicationNamespace = "VisionTracker.Application";
    private const string InfrastructureNamespace = "VisionTracker.Infrastructure";
    private const string ApiNamespace = "VisionTracker.Api";
    private const string WebNamespace = "VisionTracker.Web";

    private static readonly Assembly DomainAssembly = typeof(VisionTracker.Domain.Figures.Rollup).Assembly;
    private static readonly Assembly ApplicationAssembly = typeof(VisionTracker.Application.Common.CommandContext).Assembly;
    private static readonly Assembly InfrastructureAssembly = typeof(VisionTracker.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly ApiAssembly = typeof(Program).Assembly;
    private static readonly Assembly WebAssembly = typeof(VisionTracker.Web.WebApp).Assembly;

    [Fact]
    public void Domain_DependsOnNoOtherProjectOrPackage()
    {
        var result = Types.InAssembly(DomainAssembly).ShouldNot().HaveDependencyOnAny(
            ApplicationNamespace,
            InfrastructureNamespace,
            ApiNamespace,
            WebNamespace,
            "Microsoft.EntityFrameworkCore",
            "Mediator",
            "FluentValidation",
            "Riok.Mapperly",
            "Microsoft.AspNetCore",
            "Microsoft.Extensions").GetResult();

        ShouldPass(result);
    }

    [Fact]
    public void Application_DoesNotDependOnInfrastructureApiOrAspNetCore()
    {
        var result = Types.InAssembly(ApplicationAssembly).ShouldNot().HaveDependencyOnAny(
            InfrastructureNamespace,
            ApiNamespace,
            WebNamespace,
            "Microsoft.AspNetCore").GetResult();

        ShouldPass(result);
    }

    [Fact]
    public void Infrastructure_DoesNotDependOnApi()
    {
        var result = Types.InAssembly(InfrastructureAssembly).ShouldNot().HaveDependencyOn(ApiNamespace).GetResult();

        ShouldPass(result);
    }

    [Fact]
    public void Web_UsesTheApplicationLayer_NeverInfrastructureOrApi()
    {
        var result = Types.InAssembly(WebAssembly).ShouldNot().HaveDependencyOnAny(
            InfrastructureNamespace,
            ApiNamespace,
            "Microsoft.EntityFrameworkCore",
            "VisionTracker.Application.Common.IVisionTrackerDbContext").GetResult();

        // A rule over nothing cannot fail: the pages must be among the types checked, and must use the Application layer.
        Types.InAssembly(WebAssembly).GetTypes().ShouldContain(typeof(VisionTracker.Web.Components.Pages.MyWork));
        Types.InAssembly(WebAssembly).That().HaveDependencyOn(ApplicationNamespace).GetTypes().ShouldNotBeEmpty();
        ShouldPass(result);
    }

    [Fact]
    public void Api_ReadsNoDatabaseProvidersErrorCodes()
    {
        var result = Types.InAssembly(ApiAssembly).ShouldNot().HaveDependencyOnAny("Microsoft.Data.Sqlite", "Npgsql").GetResult();

        // Infrastructure classifies database errors (Persistence/DatabaseErrors.cs); the rule must match something there.
        Types.InAssembly(InfrastructureAssembly).That().HaveDependencyOn("Npgsql").GetTypes()
            .ShouldContain(typeof(VisionTracker.Infrastructure.Persistence.DatabaseErrors));
        ShouldPass(result);
    }

    [Fact]
    public void Api_ReachesTheDatabaseOnlyThroughTheApplication()
    {
        string[] contexts = ["VisionTracker.Infrastructure.Persistence.VisionTrackerDbContext", "VisionTracker.Application.Common.IVisionTrackerDbContext"];

        var result = Types.InAssembly(ApiAssembly).ShouldNot().HaveDependencyOnAny(contexts).GetResult();

        // The token handler once read the DbContext itself; now it sends GetTokenHolderQuery, whose handler does.
        Types.InAssembly(ApplicationAssembly).That().HaveDependencyOnAny(contexts).GetTypes()
            .ShouldContain(typeof(VisionTracker.Application.Security.GetTokenHolderHandler));
        ShouldPass(result);
    }

    [Fact]
    public void ProjectReferences_PointInwardsOnly()
    {
        var domain = ReferencedProjects(DomainAssembly);
        var application = ReferencedProjects(ApplicationAssembly);
        var infrastructure = ReferencedProjects(InfrastructureAssembly);
        var api = ReferencedProjects(ApiAssembly);
        var web = ReferencedProjects(WebAssembly);

        domain.ShouldBeEmpty();
        application.ShouldBe([DomainNamespace]);
        infrastructure.ShouldNotContain(ApiNamespace);
        api.ShouldContain(InfrastructureNamespace);
        api.ShouldContain(WebNamespace);
        web.ShouldContain(ApplicationNamespace);
        web.ShouldNotContain(InfrastructureNamespace);
        web.ShouldNotContain(ApiNamespace);
    }

    [Fact]
    public void Handlers_AreSealed()
    {
        var handlers = Types.InAssembly(ApplicationAssembly).That()
            .ImplementInterface(typeof(ICommandHandler<,>))
            .Or().ImplementInterface(typeof(ICommandHandler<>))
            .Or().ImplementInterface(typeof(IQueryHandler<,>));

        var result = handlers.Should().BeSealed().GetResult();

        // A rule over nothing cannot fail: the Periods handlers must be among those checked.
        handlers.GetTypes().ShouldContain(typeof(VisionTracker.Application.Periods.CreatePeriodHandler));
        handlers.GetTypes().ShouldContain(typeof(VisionTracker.Application.Periods.GetPeriodsHandler));
        ShouldPass(result);
    }

    [Fact]
    public void Commands_AreNamedCommand()
    {
        var commands = Types.InAssembly(ApplicationAssembly).That()
            .ImplementInterface(typeof(ICommand<>))
            .Or().ImplementInterface(typeof(ICommand));

        var result = commands.Should().HaveNameEndingWith("Command").GetResult();

        commands.GetTypes().ShouldContain(typeof(VisionTracker.Application.Periods.ChangePeriodStateCommand));
        ShouldPass(result);
    }

    [Fact]
    public void Queries_AreNamedQuery()
    {
        var queries = Types.InAssembly(ApplicationAssembly).That().ImplementInterface(typeof(IQuery<>));

        var result = queries.Should().HaveNameEndingWith("Query").GetResult();

        queries.GetTypes().ShouldContain(typeof(VisionTracker.Application.Periods.GetPeriodQuery));
        ShouldPass(result);
    }

    private static string[] ReferencedProjects(Assembly assembly) =>
    [
        .. assembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? "")
            .Where(n => n.StartsWith("VisionTracker.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];

    private static void ShouldPass(TestResult result) =>
        result.IsSuccessful.ShouldBeTrue($"Failing types: {string.Join(", ", result.FailingTypeNames ?? [])}");
}
