using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace NestedVirt.Harness.Tests.Results;

/// <summary>
/// Reflection over the envelope's object graph: deep equality of every public property, and a
/// check that a sample sets every property to a non-default value (so a property added later
/// without test coverage fails the round-trip test instead of passing silently).
/// </summary>
internal static class ObjectGraph
{
    public static void AssertEqual(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {Show(expected)}, got {Show(actual)}");
            return;
        }

        Type type = expected.GetType();
        Assert.True(type == actual.GetType(), $"{path}: type {type.Name} became {actual.GetType().Name}");
        switch (expected)
        {
            case JsonElement element:
                Assert.True(JsonElement.DeepEquals(element, (JsonElement)actual), $"{path}: JSON differs");
                return;
            case string or bool or int or long or double or DateTimeOffset or Enum:
                Assert.True(expected.Equals(actual), $"{path}: expected {Show(expected)}, got {Show(actual)}");
                return;
            case IDictionary dictionary:
                var other = (IDictionary)actual;
                Assert.True(dictionary.Count == other.Count, $"{path}: {dictionary.Count} entries became {other.Count}");
                foreach (DictionaryEntry entry in dictionary)
                {
                    Assert.True(other.Contains(entry.Key), $"{path}: key {entry.Key} lost");
                    AssertEqual(entry.Value, other[entry.Key], $"{path}[{entry.Key}]");
                }

                return;
            case IList list:
                var otherList = (IList)actual;
                Assert.True(list.Count == otherList.Count, $"{path}: {list.Count} items became {otherList.Count}");
                for (int i = 0; i < list.Count; i++)
                {
                    AssertEqual(list[i], otherList[i], $"{path}[{i}]");
                }

                return;
        }

        foreach (PropertyInfo property in PublicProperties(type))
        {
            AssertEqual(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }

    public static void AssertNoDefaults(object? value, string path = "$")
    {
        switch (value)
        {
            case null:
                Assert.Fail($"{path} is null in the sample");
                return;
            case string s:
                Assert.False(s.Length == 0, $"{path} is empty in the sample");
                return;
            case bool b:
                Assert.True(b, $"{path} is false in the sample");
                return;
            case int or long or double:
                Assert.False(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) == 0, $"{path} is 0 in the sample");
                return;
            case DateTimeOffset time:
                Assert.False(time == default, $"{path} is default in the sample");
                return;
            case JsonElement element:
                Assert.False(element.ValueKind == JsonValueKind.Undefined, $"{path} is undefined in the sample");
                return;
            case ICollection collection:
                Assert.False(collection.Count == 0, $"{path} is empty in the sample");
                return;
        }

        foreach (PropertyInfo property in PublicProperties(value.GetType()))
        {
            AssertNoDefaults(property.GetValue(value), $"{path}.{property.Name}");
        }
    }

    private static IEnumerable<PropertyInfo> PublicProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(static p => p.GetIndexParameters().Length == 0);

    private static string Show(object? value) => value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
