using System.Globalization;
using HeyGenEmulator.Errors;

namespace HeyGenEmulator.Api;

/// <summary>LiveAvatar's pagination (OAS): <c>page</c> ≥ 1 (default 1), <c>page_size</c> 1–100 (default 20); a bad one is the 422.</summary>
public static class LiveAvatarPages
{
    public static Paginated<T> Page<T>(HttpRequest request, IReadOnlyList<T> all)
    {
        var page = Number(request, "page", 1, 1, int.MaxValue);
        var size = Number(request, "page_size", 20, 1, 100);
        var items = all.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * size)).Take(size).ToList();
        string Link(int p) => $"{request.Scheme}://{request.Host}{request.Path}?{Query(request, p, size)}";
        var next = (long)page * size < all.Count ? Link(page + 1) : null;
        var previous = page > 1 ? Link(page - 1) : null;
        return new Paginated<T>(all.Count, next, previous, items);
    }

    private static string Query(HttpRequest request, int page, int size)
    {
        var pairs = request.Query.Where(q => q.Key is not ("page" or "page_size")).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        return string.Join('&', pairs.Append(string.Create(CultureInfo.InvariantCulture, $"page={page}&page_size={size}")));
    }

    private static int Number(HttpRequest request, string name, int fallback, int min, int max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw LiveAvatarErrors.Validation($"query.{name}: Input should be a valid integer").ToException();
        if (value < min || value > max)
            throw LiveAvatarErrors.Validation(string.Create(CultureInfo.InvariantCulture, $"query.{name}: Input should be between {min} and {max}")).ToException();
        return value;
    }
}
