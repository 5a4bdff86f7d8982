using GameServer.Accounts;
using GameServer.HttpApi;
using GameServer.Protocol;

namespace GameServer.Inventory;

/// <summary>
/// The original design's REST API for items and inventories: reads open to anyone, writes for admins
/// with a bearer token. Adapters over <see cref="InventoryService"/>, like the JSON-RPC methods. The
/// lists are paged (<see cref="ApiPage"/>) and still answer with a bare array.
/// </summary>
public static class InventoryHttp
{
    private static GameJsonContext Json => GameJsonContext.Default;

    public static IEndpointRouteBuilder MapInventoryHttp(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api");
        api.MapGet("/", ListResources);

        api.MapGet("/items/", (HttpContext context, string? search, InventoryService inventory) =>
            ApiResponse.RunAsync(context, () =>
            {
                var total = inventory.CountItems(search);
                var page = ApiPage.Read(context.Request, total, InventoryService.DefaultPageSize, InventoryService.MaxPageSize);
                var items = inventory.ListItems(page.Offset, page.Size, search);
                page.WriteHeaders(context, total);
                return Task.FromResult(items);
            }, Json.IReadOnlyListItem));
        api.MapPost("/items/", (HttpContext context, InventoryService inventory, BearerAuthentication auth) =>
            ApiResponse.RunAsync(context, async () =>
            {
                auth.RequireAdmin(context.Request);
                var body = await ApiRequest.ReadBodyAsync(context.Request, Json.ItemPatch);
                return inventory.CreateItem(body.Name, body.Weight);
            }, Json.Item, StatusCodes.Status201Created));
        api.MapGet("/items/{id:int}/", (HttpContext context, int id, InventoryService inventory) =>
            ApiResponse.RunAsync(context, () => Task.FromResult(inventory.GetItem(id)), Json.Item));
        api.MapMethods("/items/{id:int}/", [HttpMethods.Put, HttpMethods.Patch], (HttpContext context, int id, InventoryService inventory, BearerAuthentication auth) =>
            ApiResponse.RunAsync(context, async () =>
            {
                auth.RequireAdmin(context.Request);
                var body = await ApiRequest.ReadBodyAsync(context.Request, Json.ItemPatch);

                // PUT replaces the item, so both fields are required; PATCH changes what it names.
                return HttpMethods.IsPut(context.Request.Method)
                    ? inventory.ReplaceItem(id, body.Name, body.Weight)
                    : inventory.UpdateItem(id, body.Name, body.Weight);
            }, Json.Item));
        api.MapDelete("/items/{id:int}/", (HttpContext context, int id, InventoryService inventory, BearerAuthentication auth) =>
            ApiResponse.RunAsync(context, () =>
            {
                auth.RequireAdmin(context.Request);
                inventory.DeleteItem(id);
                return Task.CompletedTask;
            }));

        api.MapGet("/inventories/", (HttpContext context, string? username, string? search, InventoryService inventory) =>
            ApiResponse.RunAsync(context, () =>
            {
                var total = inventory.CountInventories(username, search);
                var page = ApiPage.Read(context.Request, total, InventoryService.DefaultPageSize, InventoryService.MaxPageSize);
                var inventories = inventory.ListInventories(username, page.Offset, page.Size, search);
                page.WriteHeaders(context, total);
                return Task.FromResult(inventories);
            }, Json.IReadOnlyListInventorySummary));
        api.MapGet("/inventories/{id:int}/", (HttpContext context, int id, InventoryService inventory) =>
            ApiResponse.RunAsync(context, () => Task.FromResult(inventory.GetInventory(id)), Json.InventorySummary));
        api.MapMethods("/inventories/{id:int}/", [HttpMethods.Put, HttpMethods.Patch], (HttpContext context, int id, InventoryService inventory, BearerAuthentication auth) =>
            ApiResponse.RunAsync(context, async () =>
            {
                auth.RequireAdmin(context.Request);
                var body = await ApiRequest.ReadBodyAsync(context.Request, Json.InventoryItemsBody);
                var partial = HttpMethods.IsPatch(context.Request.Method);
                return partial && body.Items is null ? inventory.GetInventory(id) : inventory.ReplaceItems(id, body.Items);
            }, Json.InventorySummary));
        api.MapDelete("/inventories/{id:int}/", (HttpContext context, int id, InventoryService inventory, BearerAuthentication auth) =>
            ApiResponse.RunAsync(context, () =>
            {
                auth.RequireAdmin(context.Request);
                inventory.Clear(id);
                return Task.CompletedTask;
            }));
        return app;
    }

    /// <summary>The API root: each resource with its URL, as the original's router listed them.</summary>
    private static Task ListResources(HttpContext context)
    {
        var root = $"{context.Request.Scheme}://{context.Request.Host}/api";
        var resources = new Dictionary<string, string> { ["items"] = $"{root}/items/", ["inventories"] = $"{root}/inventories/" };
        return ApiResponse.WriteAsync(context, StatusCodes.Status200OK, resources, Json.DictionaryStringString);
    }
}
