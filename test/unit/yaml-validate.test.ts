// Each manifest against the field table: every refusal names the document, line, object and field path.
import { validateYaml } from "../support/manifests";
import type { Wiring } from "../../sdk/yaml/validate";

const pod = (extra: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: app
      image: podling/busybox:1
${extra}`;

const deployment = (selector: string, labels = "app: web") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
${selector}
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
        - name: app
          image: podling/busybox:1
`;

describe("validating manifests", () => {
  it("accepts a pod that uses only fields Podling reads", () => {
    const { manifests, messages } = validateYaml(
      pod(`      ports:\n        - containerPort: 80\n          name: http\n  restartPolicy: Always\n`),
    );
    expect(messages).toEqual([]);
    expect(manifests.map((m) => [m.kind, m.namespace, m.name])).toEqual([["Pod", "shop", "web"]]);
  });

  it("refuses a kind Podling does not run, naming the document and the kinds it runs", () => {
    const text = `${pod("")}---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n`;
    expect(validateYaml(text).messages).toEqual([
      'app.yaml document 2 (line 12): CronJob default/nightly: kind: "CronJob" is not a kind Podling runs; ' +
        "it runs Namespace, ConfigMap, Secret, Pod, Deployment, Service, NetworkPolicy",
    ]);
  });

  it("refuses a field Podling would ignore, naming the object, the field path and its line", () => {
    const { messages } = validateYaml(pod(`      lifecycle:\n        preStop: {}\n`));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^app\.yaml document 1 \(line 10\): Pod shop\/web: spec\.containers\[0\]\.lifecycle: is not a field Podling supports here, so it would be ignored; remove it \(fields here: name, image, /,
    );
  });

  it("reports every problem of every document at once", () => {
    const text = `${pod("  affinity: {}\n  hostNetwork: true\n")}---\nkind: Widget\n`;
    expect(validateYaml(text).messages).toEqual([
      expect.stringContaining("Pod shop/web: spec.affinity: is not a field"),
      expect.stringContaining("Pod shop/web: spec.hostNetwork: is not a field"),
      expect.stringContaining('document 2 (line 13): Widget: kind: "Widget" is not a kind'),
    ]);
  });

  it("accepts the fields with no effect that the README lists, and does not look inside them", () => {
    const extra =
      "  nodeSelector:\n    disk: ssd\n  tolerations:\n    - key: x\n      anything: goes\n  dnsPolicy: ClusterFirst\n";
    expect(validateYaml(pod(extra)).messages).toEqual([]);
  });

  it("refuses a value Podling cannot honour: dnsPolicy other than ClusterFirst, an ExternalName service, a wrong apiVersion", () => {
    expect(validateYaml(pod("  dnsPolicy: Default\n")).messages).toEqual([
      expect.stringContaining(
        'Pod shop/web: spec.dnsPolicy: "Default" is not supported; Podling supports "ClusterFirst"',
      ),
    ]);
    const external = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ExternalName\n  selector:\n    app: web\n`;
    expect(validateYaml(external).messages).toEqual([
      'app.yaml document 1 (line 6): Service default/web: spec.type: "ExternalName" is not supported; Podling supports "ClusterIP", "NodePort", "LoadBalancer"',
    ]);
    expect(
      validateYaml(external.replace("apiVersion: v1", "apiVersion: v2").replace("ExternalName", "NodePort")).messages,
    ).toEqual([
      'app.yaml document 1 (line 1): Service default/web: apiVersion: "v2" is not supported; Podling supports "v1"',
    ]);
  });

  it("refuses clusterIP None with type NodePort, and an address Podling would not allocate", () => {
    const svc = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n${spec}`;
    expect(validateYaml(svc("  type: NodePort\n  clusterIP: None\n")).messages).toEqual([
      expect.stringContaining('Service default/db: spec.clusterIP: "None" (a headless service) needs type ClusterIP'),
    ]);
    expect(validateYaml(svc("  clusterIP: 10.96.0.10\n")).messages).toEqual([
      expect.stringContaining('spec.clusterIP: "10.96.0.10" is not supported; Podling supports "None", ""'),
    ]);
  });

  it("refuses a duplicate kind, namespace and name, naming the first declaration; other kinds may share the name", () => {
    const svc = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    app: web\n`;
    const text = [pod(""), svc, pod("")].join("---\n");
    expect(validateYaml(text).messages).toEqual([
      "app.yaml document 3 (line 23): Pod shop/web: metadata.name: Pod shop/web is already declared by app.yaml document 1; " +
        "one object per kind, namespace and name",
    ]);
  });

  it("treats a missing namespace as default, so it collides with an explicit default", () => {
    const a = pod("").replace("  namespace: shop\n", "");
    const b = pod("").replace("namespace: shop", "namespace: default");
    expect(validateYaml([a, b].join("---\n")).messages).toEqual([
      expect.stringContaining("Pod default/web is already declared by app.yaml document 1"),
    ]);
  });

  it("requires metadata.name", () => {
    expect(validateYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  labels: {}\n").messages).toEqual([
      "app.yaml document 1 (line 3): Namespace: metadata.name: is required (a string)",
    ]);
  });

  it("refuses a document that is not an object", () => {
    expect(validateYaml("- a\n- b\n").messages).toEqual([
      "app.yaml document 1 (line 1): a document must be one Kubernetes object (a map with apiVersion, kind and metadata)",
    ]);
  });

  describe("a Deployment's selector must select its own template", () => {
    it("accepts matchLabels and matchExpressions that hold for the template's labels", () => {
      expect(validateYaml(deployment("    matchLabels:\n      app: web")).messages).toEqual([]);
      const expr = "    matchExpressions:\n      - key: app\n        operator: In\n        values: [web, www]";
      expect(validateYaml(deployment(expr)).messages).toEqual([]);
    });

    it("refuses matchLabels that the template does not carry", () => {
      expect(validateYaml(deployment("    matchLabels:\n      app: api")).messages).toEqual([
        'app.yaml document 1 (line 6): Deployment default/web: spec.selector: does not select the pods of its own template (spec.template.metadata.labels {"app":"web"})',
      ]);
    });

    it("refuses a matchExpression that fails, and an empty selector", () => {
      const notIn = "    matchExpressions:\n      - key: app\n        operator: NotIn\n        values: [web]";
      expect(validateYaml(deployment(notIn)).messages).toEqual([
        expect.stringContaining("spec.selector: does not select the pods of its own template"),
      ]);
      expect(validateYaml(deployment("    matchLabels: {}")).messages).toEqual([
        expect.stringContaining("spec.selector: must not be empty"),
      ]);
    });

    it("leaves a malformed requirement to the Deployment's own check", () => {
      const bad = "    matchExpressions:\n      - key: app\n        operator: Like\n        values: [web]";
      expect(validateYaml(deployment(bad)).messages).toEqual([]);
    });
  });

  describe("what this build does not wire yet", () => {
    const partial: Wiring = { kinds: new Set(["Namespace", "Pod", "Service", "NetworkPolicy"]), features: new Set() };

    it("refuses a kind the table knows but no factory makes: 'not supported yet'", () => {
      const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n";
      expect(validateYaml(cm, partial).messages).toEqual([
        "app.yaml document 1 (line 1): ConfigMap default/settings: kind ConfigMap: not supported yet by this build of Podling",
      ]);
    });

    it("refuses pod fields that consume ConfigMaps and Secrets until they are wired", () => {
      const extra = "      envFrom:\n        - configMapRef:\n            name: settings\n";
      expect(validateYaml(pod(extra), partial).messages).toEqual([
        expect.stringContaining(
          "Pod shop/web: spec.containers[0].envFrom[0].configMapRef: is not supported yet by this build of Podling",
        ),
      ]);
      expect(validateYaml(pod(extra)).messages).toEqual([]);
    });

    it("still validates an unwired kind in full, so every problem shows at once", () => {
      const text = deployment("    matchLabels:\n      app: api");
      expect(validateYaml(text, partial).messages).toEqual([
        "app.yaml document 1 (line 1): Deployment default/web: kind Deployment: not supported yet by this build of Podling",
        expect.stringContaining("Deployment default/web: spec.selector: does not select the pods of its own template"),
      ]);
    });
  });
});
