// Each kind's manifest as the arguments of its Podling resource; secrets stay Pulumi secrets.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { convertManifest, FIELD_ORIGINS } from "../../sdk/yaml/convert";
import type { ValidManifest } from "../../sdk/yaml/validate";
import { inRegistrationOrder } from "../../sdk/yaml/order";
import { validateYaml, validManifest } from "../support/manifests";

/** The manifest converted; every argument it sets has a manifest field that check failures can name. */
function converted(m: ValidManifest): any {
  const args = convertManifest(m);
  expect(Object.keys(args).filter((k) => !(k in FIELD_ORIGINS[m.kind]))).toEqual([]);
  return args;
}

const valueOf = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

describe("converting manifests", () => {
  it("a Pod: metadata and the spec fields Podling reads, without the no-effect ones", () => {
    const m = validManifest(`apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: { app: web }
  annotations: { note: x }
spec:
  dnsPolicy: ClusterFirst
  nodeSelector: { disk: ssd }
  restartPolicy: OnFailure
  terminationGracePeriodSeconds: 1
  volumes: [{ name: scratch, emptyDir: {} }]
  containers:
    - name: app
      image: podling/busybox:1
      env: [{ name: A, value: "1" }]
      ports: [{ name: http, containerPort: 8080 }]
      volumeMounts: [{ name: scratch, mountPath: /scratch }]
`);
    expect(converted(m)).toEqual({
      name: "web",
      namespace: "shop",
      labels: { app: "web" },
      annotations: { note: "x" },
      restartPolicy: "OnFailure",
      terminationGracePeriodSeconds: 1,
      volumes: [{ name: "scratch", emptyDir: {} }],
      containers: [
        {
          name: "app",
          image: "podling/busybox:1",
          env: [{ name: "A", value: "1" }],
          ports: [{ name: "http", containerPort: 8080 }],
          volumeMounts: [{ name: "scratch", mountPath: "/scratch" }],
        },
      ],
    });
  });

  it("a Service: clusterIP None becomes Podling's Headless type; affinity's timeout is flattened", () => {
    const svc = (spec: string) =>
      converted(validManifest(`apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n${spec}`));
    expect(svc("  clusterIP: None\n  selector: { app: db }\n")).toEqual({
      name: "db",
      namespace: "default",
      selector: { app: "db" },
      type: "Headless",
    });
    const affinity =
      "  type: NodePort\n  selector: { app: db }\n  ports: [{ port: 80, targetPort: http, nodePort: 30001 }]\n" +
      "  sessionAffinity: ClientIP\n  sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }\n";
    expect(svc(affinity)).toEqual({
      name: "db",
      namespace: "default",
      selector: { app: "db" },
      type: "NodePort",
      ports: [{ port: 80, targetPort: "http", nodePort: 30001 }],
      sessionAffinity: "ClientIP",
      sessionAffinityTimeoutSeconds: 60,
    });
  });

  it("a NetworkPolicy keeps its LabelSelectors and rules as written; an absent podSelector selects all", () => {
    const m = validManifest(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api, namespace: shop }
spec:
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector: { matchExpressions: [{ key: team, operator: NotIn, values: [red] }] }
          podSelector: { matchLabels: { app: web } }
      ports: [{ port: 8080, protocol: TCP }]
`);
    expect(converted(m)).toEqual({
      name: "api",
      namespace: "shop",
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchExpressions: [{ key: "team", operator: "NotIn", values: ["red"] }] },
              podSelector: { matchLabels: { app: "web" } },
            },
          ],
          ports: [{ port: 8080, protocol: "TCP" }],
        },
      ],
    });
  });

  it("a Namespace: its name and labels; annotations have no effect", () => {
    const m = validManifest(
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: { team: a }\n  annotations: { x: y }\n",
    );
    expect(converted(m)).toEqual({ name: "shop", labels: { team: "a" } });
  });

  it("a Deployment: replicas, selector, template and strategy as podling.Deployment takes them", () => {
    const m = validManifest(`apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop, labels: { ignored: "yes" } }
spec:
  replicas: 3
  revisionHistoryLimit: 5
  minReadySeconds: 2
  selector: { matchLabels: { app: web } }
  strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }
  template:
    metadata: { labels: { app: web } }
    spec:
      nodeSelector: { disk: ssd }
      containers: [{ name: app, image: podling/busybox:1 }]
`);
    expect(converted(m)).toEqual({
      name: "web",
      namespace: "shop",
      replicas: 3,
      minReadySeconds: 2,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "app", image: "podling/busybox:1" }] },
      },
    });
  });

  it("a ConfigMap keeps data and binaryData", () => {
    const m = validManifest(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: s }\ndata: { a: b }\nbinaryData: { c: ZA== }\n",
    );
    expect(converted(m)).toEqual({
      name: "s",
      namespace: "default",
      data: { a: "b" },
      binaryData: { c: "ZA==" },
    });
  });

  it("a Secret's data and stringData values become Pulumi secrets", async () => {
    const m = validManifest(
      "apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: shop }\ntype: Opaque\ndata: { a: aGk= }\nstringData: { b: hush }\n",
    );
    const args = converted(m) as any;
    expect(Object.keys(args).sort()).toEqual(["data", "name", "namespace", "stringData"]);
    for (const [value, plain] of [
      [args.data.a, "aGk="],
      [args.stringData.b, "hush"],
    ]) {
      expect(await pulumi.isSecret(value)).toBe(true);
      expect(await valueOf(pulumi.unsecret(value))).toBe(plain);
    }
  });
});

describe("registration order", () => {
  it("puts Namespaces first, then ConfigMaps and Secrets, then the rest, each tier in written order", () => {
    const kinds = ["Service", "Pod", "Secret", "Namespace", "NetworkPolicy", "ConfigMap", "Namespace"] as const;
    const items = kinds.map((kind, i) => ({ kind, i }));
    expect(inRegistrationOrder(items).map((x) => `${x.kind}${x.i}`)).toEqual([
      "Namespace3",
      "Namespace6",
      "Secret2",
      "ConfigMap5",
      "Service0",
      "Pod1",
      "NetworkPolicy4",
    ]);
  });
});

describe("examples/k8s-shop", () => {
  const file = path.join(__dirname, "..", "..", "examples", "k8s-shop", "k8s", "shop.yaml");

  it("passes validation with every kind wired, and converts each object", () => {
    const { manifests, messages } = validateYaml(fs.readFileSync(file, "utf8"), undefined, file);
    expect(messages).toEqual([]);
    expect(manifests.map((m) => `${m.kind} ${m.namespace}/${m.name}`)).toEqual([
      "Namespace /shop",
      "ConfigMap shop/shop-settings",
      "Secret shop/shop-api",
      "Deployment shop/backend",
      "Service shop/backend",
      "Deployment shop/frontend",
      "Service shop/frontend",
      "NetworkPolicy shop/backend-only-from-frontend",
    ]);
    for (const m of manifests)
      expect(converted(m)).toMatchObject(
        m.kind === "Namespace" ? { name: m.name } : { name: m.name, namespace: "shop" },
      );
  });
});
