#!/usr/bin/env node
// The `podling` command (the package's bin): kubectl's everyday commands over what a Docker engine and
// the node agents hold, without Pulumi state.
import { Command, CommanderError } from "commander";
import { isEngineUnreachable, messageOf } from "../docker/errors";
import { connect, Scope } from "./engines";
import { UserError } from "./find";
import { describeCommand } from "./commands/describe";
import { execCommand } from "./commands/exec";
import { getCommand } from "./commands/get";
import { logsCommand } from "./commands/logs";
import { portForwardCommand } from "./commands/port-forward";

const collect = (value: string, previous: string[]) => [...previous, value];

function program(): Command {
  const root = new Command("podling")
    .description("Look at and into Podling's pods and services on a Docker engine, as kubectl does for Kubernetes.")
    .option(
      "--docker-host <url>",
      "an engine to read (repeat for several; default: DOCKER_HOST or the local socket)",
      collect,
      [],
    )
    .option("--network <name>", "only this PodNetwork's objects")
    .option("--cluster", "read every node of the Cluster (the Swarm) the engine belongs to")
    .showHelpAfterError("(podling --help lists the commands)")
    .addHelpText(
      "after",
      `
Examples:
  podling get pods -o wide
  podling describe pod web
  podling logs web -c server -f
  podling exec web -- wget -qO- localhost:8080
  podling port-forward svc/web 8080:80`,
    );
  const scopeOf = (cmd: Command): Scope => {
    const opts = cmd.optsWithGlobals();
    return { dockerHosts: opts.dockerHost ?? [], network: opts.network, cluster: Boolean(opts.cluster) };
  };
  for (const make of [getCommand, describeCommand, logsCommand, execCommand, portForwardCommand])
    root.addCommand(make(scopeOf));
  return root;
}

async function main(): Promise<void> {
  connect();
  try {
    await program().exitOverride().parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`error: ${messageFor(err)}\n`);
    process.exitCode = 1;
  }
}

void main();

function messageFor(err: unknown): string {
  if (err instanceof UserError) return err.message;
  if (isEngineUnreachable(err))
    return (
      `no Docker engine answers (${messageOf(err)}); start one, or point podling at it with ` +
      `DOCKER_HOST or --docker-host unix:///path/to/docker.sock`
    );
  return messageOf(err);
}
