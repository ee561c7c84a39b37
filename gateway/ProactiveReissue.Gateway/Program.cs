using ProactiveReissue.Gateway;

if (args.Length > 0 && GatewayCommands.IsCommand(args[0]))
{
    return await GatewayCommands.RunAsync(args).ConfigureAwait(false);
}

var app = GatewayApp.Create(args);
GatewayApp.WarmUp(app);
await app.RunAsync().ConfigureAwait(false);
return 0;
