using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace PlanTracker.Web.Tests.Abuse;

/// <summary>One route of the running app, as its endpoint data source has it.</summary>
public sealed record SweepRoute(string Controller, string Action, string Method, RoutePattern Pattern, bool AllowsAnonymous, IReadOnlyList<string> Policies)
{
    public string Name => $"{Method} {Pattern.RawText}";

    /// <summary>Whether a route parameter names something a unit owns (its report, file, message, proposal, user…).</summary>
    public bool NamesUnitData => Pattern.Parameters.Any(p => OwnedBy(Controller, p.Name));

    /// <summary>Whether the route names anything by id (a request with ids that exist nowhere must find nothing).</summary>
    public bool NamesAnything => Pattern.Parameters.Any(p => p.Name is not ("format" or "code" or "number" or "ordinal" or "entityType"));

    /// <summary>Every MVC and endpoint route the app answers, with each HTTP method it takes.</summary>
    public static IReadOnlyList<SweepRoute> All(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()

            // Static assets (css, js, fonts) are public files by design, not routes to anyone's data: left out.
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null || e.RoutePattern.RawText?.StartsWith("/health", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
            {
                var action = e.Metadata.GetMetadata<ControllerActionDescriptor>();
                return new SweepRoute(action?.ControllerName ?? "(endpoint)", action?.ActionName ?? e.DisplayName ?? string.Empty, method, e.RoutePattern, e.Metadata.GetMetadata<IAllowAnonymous>() is not null, [.. e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>()]);
            }))
            .DistinctBy(r => r.Name)
            .OrderBy(r => r.Pattern.RawText, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];

    /// <summary>The route's URL with its parameters filled from <paramref name="ids"/> (another unit's or ids that exist nowhere).</summary>
    public string Url(SweepIds ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var path = new StringBuilder();
        foreach (var segment in Pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Uri.EscapeDataString(ids.For(Controller, parameter.Name)),
                    _ => string.Empty,
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private static bool OwnedBy(string controller, string parameter) => parameter switch
    {
        "taskId" or "fileId" or "reportId" or "valueId" or "unitId" or "entityId" => true,
        "id" => controller is "Messages" or "AdjustmentDecisions" or "AdjustmentDrafts" or "EvaluationReports" or "Users" or "UnitsAdmin" or "Warnings",
        _ => false,
    };
}

/// <summary>What goes into a route's parameters: one unit's ids (its approved report or its draft), or ids that exist nowhere.</summary>
public sealed record SweepIds(string Variant, int PlanId, int PeriodId, int IndicatorId, UnitData? Unit, bool Draft)
{
    private const string Nowhere = "987654321";

    /// <summary>The ids of <paramref name="unit"/>'s rows (its approved report, or with <paramref name="draft"/> its draft).</summary>
    public static SweepIds Of(SweepPortal portal, UnitData unit, bool draft) =>
        new(draft ? "foreign-draft" : "foreign", portal.PlanId, portal.PeriodId, portal.IndicatorId, unit, draft);

    public static SweepIds NowhereAtAll() => new("nowhere", 0, 0, 0, null, false);

    /// <summary>
    /// The query every GET carries: another unit asked for by id, the year and versions that exist. (Not the marker: pages
    /// echo their own query in links, which would be the request's text, not another unit's data.)
    /// </summary>
    public string Query => Unit is { } u
        ? $"?unit={u.UnitId}&unitId={u.UnitId}&kind=annual&year=2011&from=1&to=2&date=2011-12-31"
        : $"?unit={Nowhere}&unitId={Nowhere}&kind=annual&year=2011&from=1&to=2&date=2011-12-31";

    public string For(string controller, string parameter)
    {
        if (Unit is not { } u)
        {
            return parameter switch
            {
                "format" => "docx",
                "code" => "404",
                "number" or "ordinal" => "1",
                "entityType" => "ProgressReport",
                "key" => "00000000-0000-0000-0000-0000000000ee",
                "id" when controller == "Users" => "no-such-user",
                _ => Nowhere,
            };
        }

        return parameter switch
        {
            "planId" => Text(PlanId),
            "periodId" => Text(PeriodId),
            "indicatorId" => Text(IndicatorId),
            "taskId" or "nodeId" => Text(Draft ? u.DraftTaskId : u.TaskId),
            "fileId" => Text(Draft ? u.DraftFileId : u.FileId),
            "reportId" or "entityId" => Text(Draft ? u.DraftReportId : u.ReportId),
            "valueId" => Text(u.IndicatorValueId),
            "unitId" => Text(u.UnitId),
            "key" => u.TaskKey.ToString(),
            "number" or "ordinal" or "evidenceId" => "1",
            "format" => "docx",
            "code" => "404",
            "entityType" => "ProgressReport",
            "id" => controller switch
            {
                "Messages" => Text(u.MessageId),
                "AdjustmentDecisions" or "AdjustmentDrafts" => Text(u.AdjustmentId),
                "EvaluationReports" => Text(u.IssuedReportId),
                "Users" => u.ReporterUserId,
                "UnitsAdmin" => Text(u.UnitId),
                "Warnings" => Text(u.WarningId),
                "Periods" => Text(PeriodId),
                _ => Text(PlanId),
            },
            _ => throw new InvalidOperationException($"The sweep does not know what to put in {{{parameter}}} of a {controller} route: add it here."),
        };
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
