namespace NestedVirt.Harness.Dashboard;

/// <summary>The dashboard's stylesheet and script, written beside <c>index.html</c> (no network, no framework).</summary>
internal static class SiteAssets
{
    /// <summary><c>site.css</c>.</summary>
    public const string Css = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 1.5em; color: #222; max-width: 1600px; }
        h1 { font-size: 1.5em; } h2 { margin-top: 2em; border-bottom: 2px solid #08519c; } h3 { margin-top: 1.4em; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        th { background: #eef3fa; } .muted { color: #777; } .slower { color: #b00020; } .faster { color: #1b7f2a; }
        figure.trend-chart { margin: 0.5em 0 1.5em; overflow-x: auto; } figure.trend-chart svg { max-width: 100%; height: auto; }
        #filter { font-size: 1em; padding: 0.2em 0.4em; width: 20em; } .hidden { display: none; }
        code { background: #f4f4f4; padding: 0 0.2em; }
        """;

    /// <summary><c>site.js</c>: a filter over chart suites; marks the page ready when it has run.</summary>
    public const string Js = """
        "use strict";
        (function () {
          var box = document.getElementById("filter");
          var charts = document.querySelectorAll("figure.trend-chart");
          function apply() {
            var text = box.value.trim().toLowerCase();
            charts.forEach(function (chart) {
              var name = (chart.dataset.suite + " " + chart.dataset.machine).toLowerCase();
              chart.classList.toggle("hidden", text.length > 0 && name.indexOf(text) < 0);
            });
          }
          box.addEventListener("input", apply);
          apply();
          document.documentElement.dataset.ready = String(charts.length);
        })();
        """;
}
