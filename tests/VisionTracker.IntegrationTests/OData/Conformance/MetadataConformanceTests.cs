using System.Text.Json.Nodes;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Validation;
using VisionTracker.IntegrationTests.Support;

namespace VisionTracker.IntegrationTests.OData.Conformance;

/// <summary>
/// $metadata and the service document as an independent client reads them: Microsoft.OData.Edm parses and validates
/// the CSDL (XML and JSON), Microsoft.OData.Core reads the service document against that model.
/// </summary>
public sealed class MetadataConformanceTests(VisionTrackerFactory factory) : IClassFixture<VisionTrackerFactory>
{
    public static readonly string[] EntitySets =
    [
        "Visions", "Themes", "OrgUnits", "People", "Periods", "Goals", "GoalTags", "KeyResults", "Actions", "CheckIns",
        "Collaborations", "IncomingCollaborations", "ProgressSnapshots", "ThemeProgress", "UnitProgress", "AlignmentGaps", "GoalProgress", "KeyResultProgress",
    ];

    public static readonly string[] FunctionImports = ["ThemeProgressAsOf", "UnitProgressAsOf", "GoalProgressAsOf", "KeyResultProgressAsOf", "CheckInsAsOf"];

    [Fact]
    public async Task MetadataXml_ParsesWithCsdlReader_AndValidatesWithoutErrors()
    {
        var model = await ODataClient.ReadModelAsync(factory.Admin);

        model.Validate(out var errors).ShouldBeTrue(ODataClient.Describe(errors));
        ODataClient.Describe(errors).ShouldBeEmpty();
        var container = ODataClient.Container(model);
        container.Name.ShouldBe("Reporting");
        container.Namespace.ShouldBe("VisionTracker");
        model.SchemaElements.OfType<IEdmSchemaType>().ShouldAllBe(t => t.Namespace == "VisionTracker");
    }

    /// <summary>Every way a client may ask for CSDL JSON (OData 4.01 Protocol §11.1.2: $format or the Accept header).</summary>
    [Theory]
    [InlineData("/odata/$metadata?$format=application/json", null)]
    [InlineData("/odata/$metadata?$format=json", null)]
    [InlineData("/odata/$metadata?$format=application/json;odata.metadata=minimal", null)]
    [InlineData("/odata/$metadata", "application/json")]
    [InlineData("/odata/$metadata", "application/json;odata.metadata=minimal")]
    public async Task MetadataJson_AskedForWithFormatOrAccept_IsAnsweredAsCsdlJson(string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await factory.Admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).ShouldBe(200, $"GET {url} (Accept: {accept}): {body}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json", $"GET {url} (Accept: {accept})");
        JsonNode.Parse(body)!["$EntityContainer"]!.GetValue<string>().ShouldBe("VisionTracker.Reporting");
    }

    /// <summary>
    /// The JSON CSDL read back with Microsoft.OData.Edm's own CSDL JSON reader reports no error: every member is one the
    /// CSDL JSON format defines.
    /// </summary>
    [Fact]
    public async Task MetadataJson_ParsesWithTheJsonCsdlReader_WithoutErrors()
    {
        var json = await ODataClient.GetStringAsync(factory.Admin, "/odata/$metadata?$format=application/json");

        var model = ODataClient.ParseJson(json);

        model.Validate(out var errors).ShouldBeTrue(ODataClient.Describe(errors));
        ODataClient.Describe(errors).ShouldBeEmpty();
    }

    /// <summary>Whatever the reader reports, the JSON CSDL describes the model the XML CSDL describes, and it validates.</summary>
    [Fact]
    public async Task MetadataJson_DescribesTheSameModelAsXml_AndValidates()
    {
        var json = await ODataClient.GetStringAsync(factory.Admin, "/odata/$metadata?$format=application/json");

        var model = ODataClient.ParseJson(json, tolerateErrors: true);

        model.Validate(out var errors).ShouldBeTrue(ODataClient.Describe(errors));
        ODataClient.Describe(errors).ShouldBeEmpty();
        var xml = await ODataClient.ReadModelAsync(factory.Admin);
        Shape(model).ShouldBe(Shape(xml));
    }

    [Fact]
    public async Task Container_HoldsExactlyTheSixteenEntitySetsAndTheFiveAsOfFunctionImports()
    {
        var model = await ODataClient.ReadModelAsync(factory.Admin);
        var container = ODataClient.Container(model);

        container.EntitySets().Select(s => s.Name).ShouldBe(EntitySets, ignoreOrder: true);
        container.Singletons().ShouldBeEmpty();
        container.OperationImports().Select(o => o.Name).ShouldBe(FunctionImports, ignoreOrder: true);
        var sets = new[]
        {
            ("ThemeProgressAsOf", "ThemeProgress", "ThemeProgress"), ("UnitProgressAsOf", "UnitProgress", "UnitProgress"), ("GoalProgressAsOf", "GoalProgress", "GoalProgress"),
            ("KeyResultProgressAsOf", "KeyResultProgress", "KeyResultProgress"), ("CheckInsAsOf", "CheckIns", "CheckIn"),
        };
        foreach (var (name, set, type) in sets)
        {
            var import = container.OperationImports().Single(o => o.Name == name).ShouldBeAssignableTo<IEdmFunctionImport>()!;
            import.IncludeInServiceDocument.ShouldBeFalse();
            import.Function.IsBound.ShouldBeFalse();
            import.Function.IsComposable.ShouldBeFalse();
            var parameter = import.Function.Parameters.First();
            (parameter.Name, parameter.Type.FullName(), parameter.Type.IsNullable).ShouldBe(("date", "Edm.Date", false));
            import.Function.Parameters.Skip(1).Select(p => (p.Name, p.Type.FullName()))
                .ShouldBe(name == "CheckInsAsOf" ? [("subject", "Edm.String"), ("id", "Edm.Guid")] : []);
            import.Function.GetReturn().Type.IsCollection().ShouldBeTrue();
            import.Function.GetReturn().Type.AsCollection().ElementType().FullName().ShouldBe($"VisionTracker.{type}");
            import.TryGetStaticEntitySet(model, out var target).ShouldBeTrue();
            target.Name.ShouldBe(set);
        }
    }

    [Fact]
    public async Task EveryEntityType_HasAKey_AndTheSetsOfTypesWithVersionAreConcurrencyControlled()
    {
        var model = await ODataClient.ReadModelAsync(factory.Admin);

        foreach (var set in ODataClient.Container(model).EntitySets())
        {
            set.EntityType.Key().ShouldNotBeEmpty(set.Name);
            var version = set.EntityType.FindProperty("Version") as IEdmStructuralProperty;
            var concurrency = model.FindVocabularyAnnotations(set)
                .Any(a => a.Term.FullName() == "Org.OData.Core.V1.OptimisticConcurrency");
            concurrency.ShouldBe(version is not null, $"{set.Name}: Core.OptimisticConcurrency iff the type has Version");
        }

        ODataClient.Set(model, "AlignmentGaps").EntityType.Key().Select(k => k.Name).ShouldBe(["Kind", "SubjectId"]);
    }

    [Fact]
    public async Task PrivateFields_AreNotInTheModel_NoEmailOrCultureOnPeople_NoNoteOnCheckIns()
    {
        var model = await ODataClient.ReadModelAsync(factory.Admin);

        var person = ODataClient.Set(model, "People").EntityType;
        person.Name.ShouldBe("Person");
        person.FindProperty("Email").ShouldBeNull();
        person.FindProperty("Culture").ShouldBeNull();
        person.Properties().Select(p => p.Name).ShouldBe(["Id", "Name", "JobTitle", "HomeUnitId", "IsActive", "HomeUnit"], ignoreOrder: true);
        var checkIn = ODataClient.Set(model, "CheckIns").EntityType;
        checkIn.FindProperty("Note").ShouldBeNull();

        // Nor anywhere else: no type carries an e-mail address, a language, a reflection note or a token.
        var leaks = model.SchemaElements.OfType<IEdmStructuredType>().SelectMany(t => t.Properties()
            .Where(p => p.Name is "Email" or "Culture" or "Note" or "Hash" or "Token" or "TokenHash")
            .Select(p => $"{((IEdmSchemaElement)t).Name}.{p.Name}"));
        leaks.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Goals", "KeyResults", "KeyResults", "KeyResult")]
    [InlineData("KeyResults", "Actions", "Actions", "Action")]
    [InlineData("Themes", "Goals", "Goals", "Goal")]
    [InlineData("OrgUnits", "Goals", "Goals", "Goal")]
    [InlineData("Visions", "Themes", "Themes", "Theme")]
    public async Task CollectionNavigation_ExistsAndIsBoundToItsTargetSet(string set, string navigation, string targetSet, string targetType)
    {
        var model = await ODataClient.ReadModelAsync(factory.Admin);
        var source = ODataClient.Set(model, set);

        var property = source.EntityType.FindProperty(navigation).ShouldBeAssignableTo<IEdmNavigationProperty>()!;
        property.Type.IsCollection().ShouldBeTrue();
        property.ToEntityType().Name.ShouldBe(targetType);
        var target = source.FindNavigationTarget(property);
        target.ShouldBeAssignableTo<IEdmEntitySet>()!.Name.ShouldBe(targetSet);
        source.NavigationPropertyBindings.ShouldContain(b => b.NavigationProperty.Name == navigation && b.Target.Name == targetSet);
    }

    [Fact]
    public async Task EveryNavigationProperty_OfEverySet_IsBoundToAnEntitySetOfItsTargetType()
    {
        var model = await ODataClient.ReadModelAsync(factory.Admin);

        var unbound = new List<string>();
        foreach (var set in ODataClient.Container(model).EntitySets())
        {
            foreach (var navigation in set.EntityType.NavigationProperties())
            {
                if (set.FindNavigationTarget(navigation) is not IEdmEntitySet target || target.EntityType != navigation.ToEntityType())
                {
                    unbound.Add($"{set.Name}/{navigation.Name}");
                }
            }
        }

        unbound.ShouldBeEmpty();
    }

    [Fact]
    public async Task ServiceDocument_ListsEverySetAndNoFunctionImport_AndParsesWithODataMessageReader()
    {
        var json = JsonNode.Parse(await ODataClient.GetStringAsync(factory.Admin, "/odata"))!.AsObject();
        var model = await ODataClient.ReadModelAsync(factory.Admin);

        json["@odata.context"]!.GetValue<string>().ShouldEndWith("/odata/$metadata");
        var listed = json["value"]!.AsArray().Select(e => (Name: e!["name"]!.GetValue<string>(), Kind: e["kind"]?.GetValue<string>() ?? "EntitySet", Url: e["url"]!.GetValue<string>())).ToList();
        listed.Select(e => e.Name).ShouldBe(EntitySets, ignoreOrder: true);
        listed.ShouldAllBe(e => e.Kind == "EntitySet" && e.Url == e.Name);

        var document = await ODataClient.ReadServiceDocumentAsync(factory.Admin, model);
        document.EntitySets.Select(s => s.Name).ShouldBe(EntitySets, ignoreOrder: true);
        document.FunctionImports.ShouldBeEmpty();
        document.Singletons.ShouldBeEmpty();
        foreach (var set in document.EntitySets)
        {
            set.Url.ShouldBe(new Uri(factory.Admin.BaseAddress!, $"/odata/{set.Name}"));
        }
    }

    [Fact]
    public async Task ServiceDocument_EverySetItLists_AnswersAFeedThatODataMessageReaderReads()
    {
        var model = await ODataClient.ReadModelAsync(factory.Admin);
        var document = await ODataClient.ReadServiceDocumentAsync(factory.Admin, model);

        foreach (var info in document.EntitySets)
        {
            var feed = await ODataClient.ReadFeedAsync(factory.Admin, model, ODataClient.Set(model, info.Name), $"{info.Url.AbsoluteUri}?$count=true&$top=1");
            feed.Count.ShouldNotBeNull(info.Name);
            feed.Rows.Count.ShouldBeLessThanOrEqualTo(1);
        }
    }

    /// <summary>The model's content in a comparable form: types with properties, sets with bindings, operation imports.</summary>
    private static List<string> Shape(IEdmModel model)
    {
        var container = ODataClient.Container(model);
        var types = model.SchemaElements.OfType<IEdmStructuredType>().SelectMany(t => t.DeclaredProperties
            .Select(p => $"{((IEdmSchemaElement)t).FullName()}.{p.Name}:{p.Type.FullName()}:{p.Type.IsNullable}:{p.PropertyKind}"));
        var keys = model.SchemaElements.OfType<IEdmEntityType>().Select(t => $"{t.FullName()} key {string.Join(",", t.Key().Select(k => k.Name))}");
        var sets = container.EntitySets().SelectMany(s => s.NavigationPropertyBindings
            .Select(b => $"{s.Name}/{b.Path.Path}->{b.Target.Name}").Append($"{s.Name}:{s.EntityType.FullName()}"));
        var imports = container.OperationImports().Select(o => $"{o.Name}({string.Join(",", o.Operation.Parameters.Select(p => $"{p.Name}:{p.Type.FullName()}"))})");
        return [.. types.Concat(keys).Concat(sets).Concat(imports).Order(StringComparer.Ordinal)];
    }
}
