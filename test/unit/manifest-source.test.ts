// A manifest's source is taken out of the inputs before check, and check failures are put in its terms.
import { inManifestTerms, MANIFEST_KEY, takeManifestSource } from "../../core/manifest-source";

const source = {
  document: "k8s/app.yaml document 2",
  object: "Pod shop/web",
  fields: { containers: "spec.containers", labels: "metadata.labels" },
};

describe("manifest sources", () => {
  it("are taken out of the inputs, which keep everything else", () => {
    expect(takeManifestSource({ name: "web", [MANIFEST_KEY]: source })).toEqual({ inputs: { name: "web" }, source });
    const plain = { name: "web" };
    expect(takeManifestSource(plain)).toEqual({ inputs: plain });
  });

  it("are dropped, and not used, when malformed", () => {
    expect(takeManifestSource({ name: "web", [MANIFEST_KEY]: "k8s/app.yaml" })).toEqual({ inputs: { name: "web" } });
  });

  it("put a failure in manifest terms: document, object, the manifest's field path, then the reason", () => {
    expect(
      inManifestTerms({ property: "containers[1].ports[0].containerPort", reason: "must be 1-65535" }, source),
    ).toEqual({
      property: "containers[1].ports[0].containerPort",
      reason: "k8s/app.yaml document 2: Pod shop/web: spec.containers[1].ports[0].containerPort: must be 1-65535",
    });
    expect(inManifestTerms({ property: 'labels["a b"]', reason: "bad key" }, source).reason).toBe(
      'k8s/app.yaml document 2: Pod shop/web: metadata.labels["a b"]: bad key',
    );
  });

  it("keep Podling's property when the manifest has no field for it", () => {
    expect(inManifestTerms({ property: "owner", reason: "x" }, source).reason).toBe(
      "k8s/app.yaml document 2: Pod shop/web: owner: x",
    );
  });
});
