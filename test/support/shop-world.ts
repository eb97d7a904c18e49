// A realistic policy world for golden and packet tests: a shop namespace (web, api, db) under default
// deny with DNS allowed, a monitoring namespace scraping the api, and a service router in front of web
// and of api. It covers named ports, ipBlock with except, egress, port ranges and SCTP. It is the "shop"
// world of test/golden/policy-cases.json, which the Go renderer reads too.
import type { PodView } from "../../core/policy";
import { POLICY_WORLDS } from "./policy-cases";

export const SHOP_WORLD = POLICY_WORLDS.shop;

const podNamed = (id: string): PodView => {
  const found = SHOP_WORLD.pods.find((p) => `${p.namespace}/${p.name}` === id);
  if (!found) throw new Error(`the shop world has no pod ${id}`);
  return found;
};

export const WEB = podNamed("shop/web-1");
export const API = podNamed("shop/api-1");
export const DB = podNamed("shop/db-1");
export const PROMETHEUS = podNamed("monitoring/prometheus");
export const WEB_ROUTER = "10.244.224.2";
export const API_ROUTER = "10.244.224.3";
