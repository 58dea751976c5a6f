return WireEdge.Zauth.Cli.ZauthCommand.Run(args, Console.Out, Console.Error, TimeProvider.System);
