using PhyToolkit.Scenarios.Cli;

return PhytkCommandLine.Invoke(args);
