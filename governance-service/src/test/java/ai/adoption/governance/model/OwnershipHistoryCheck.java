package ai.adoption.governance.model;

import ai.adoption.governance.Api;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static ai.adoption.governance.Api.compliance;
import static ai.adoption.governance.Api.person;

/**
 * One history of one system (registration, transfers within and across two departments, corrections
 * of owner or date, cancellations; effective dates in the past and the future), sent through the real
 * API and compared with {@link OwnershipModel}: after every step the answer's echoed knowledge point is
 * kept with the model's state, then every ownership answer over the grid (asOf x knownAt), the
 * department's inventory on a date and the diff between two dates are compared with the model.
 * {@link #generate} draws histories from a seed; {@link #simpler} simplifies a step when a failing history is shrunk.
 * Used by {@link OwnershipModelPropertyTest}.
 */
final class OwnershipHistoryCheck {

    static final LocalDate REGISTERED = LocalDate.parse("2026-01-01");
    /** Effective dates of the steps: past and (the tests run after 2026-12) future. */
    static final List<LocalDate> DATES = List.of(REGISTERED, LocalDate.parse("2026-04-01"), LocalDate.parse("2026-09-01"),
            LocalDate.parse("2030-03-01"), LocalDate.parse("2030-09-01"));
    /** The dates asked about: before the registration, on and between the step dates. */
    static final List<LocalDate> ASKED = List.of(LocalDate.parse("2025-12-31"), REGISTERED, LocalDate.parse("2026-05-15"),
            LocalDate.parse("2026-09-01"), LocalDate.parse("2030-06-01"), LocalDate.parse("2031-01-01"));
    static final int OWNERS = 3;

    sealed interface Step permits Transfer, Correct, Cancel {
    }

    record Transfer(int date, int department, int owner) implements Step {
    }

    /** Corrects the n-th live assertion (mod their number): a new owner, or (for a transfer) a new date. */
    record Correct(int target, int owner, int date) implements Step {
    }

    record Cancel(int target) implements Step {
    }

    record Known(String knownAt, OwnershipModel model) {
    }

    /** A random history of 1 to 6 steps: transfers, corrections and cancellations in the ratio 5:3:2. */
    static List<Step> generate(Random random) {
        int size = 1 + random.nextInt(6);
        List<Step> steps = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                steps.add(new Transfer(random.nextInt(DATES.size()), random.nextInt(2), random.nextInt(OWNERS)));
            } else if (kind < 8) {
                steps.add(new Correct(random.nextInt(6), random.nextInt(OWNERS), random.nextInt(DATES.size() + 1) - 1));
            } else {
                steps.add(new Cancel(random.nextInt(6)));
            }
        }
        return steps;
    }

    /** The steps one simplification away from {@code step} (for shrinking a failing history with {@link ai.adoption.testinfra.SeededProperty}). */
    static List<Step> simpler(Step step) {
        List<Step> simpler = new ArrayList<>();
        if (step instanceof Transfer t) {
            if (t.date() > 0) {
                simpler.add(new Transfer(0, t.department(), t.owner()));
            }
            if (t.department() > 0) {
                simpler.add(new Transfer(t.date(), 0, t.owner()));
            }
            if (t.owner() > 0) {
                simpler.add(new Transfer(t.date(), t.department(), 0));
            }
        } else if (step instanceof Correct c) {
            if (c.target() > 0) {
                simpler.add(new Correct(0, c.owner(), c.date()));
            }
            if (c.date() >= 0) {
                simpler.add(new Correct(c.target(), c.owner(), -1));
            }
            if (c.owner() > 0) {
                simpler.add(new Correct(c.target(), 0, c.date()));
            }
        } else if (step instanceof Cancel c && c.target() > 0) {
            simpler.add(new Cancel(0));
        }
        return simpler;
    }

    void check(List<Step> history) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String[] departments = {"pa-" + run, "pb-" + run};
        String[] owners = new String[OWNERS];
        for (int i = 0; i < OWNERS; i++) {
            owners[i] = "p" + i + "-" + run;
        }
        Response registered = compliance().body(Api.system(departments[0], owners[0], "Copilot", "INTERNAL", REGISTERED))
                .post("/ai-systems");
        check(registered.statusCode() == 201, "registration: " + registered.asString());
        UUID system = UUID.fromString(registered.path("id"));
        String registration = compliance().get("/ai-systems/" + system + "/ownership/history").path("[0].transferId");
        OwnershipModel model = OwnershipModel.registered(registration, REGISTERED, departments[0], owners[0]);
        List<Known> known = new ArrayList<>();
        lastKnownAt = registered.path("knownAt");
        known.add(new Known(lastKnownAt, model));

        for (Step step : history) {
            Optional<OwnershipModel> next = apply(system, model, step, departments, owners);
            if (next.isPresent()) {
                model = next.get();
            }
            known.add(new Known(lastKnownAt, model));
        }
        for (Known k : known) {
            for (LocalDate asOf : ASKED) {
                JsonPath answer = ok(compliance().queryParam("asOf", asOf.toString()).queryParam("knownAt", k.knownAt())
                        .get("/ai-systems/" + system + "/ownership"));
                Optional<OwnershipModel.Holder> expected = k.model().holderOn(asOf);
                String context = " on " + asOf + " as known at " + k.knownAt();
                check(k.knownAt().equals(answer.getString("knownAt")), "echoed knownAt" + context);
                check(eq(expected.map(OwnershipModel.Holder::owner).orElse(null), answer.getString("owner.id")),
                        "owner" + context + ": expected " + expected + ", got " + answer.getString("owner.id"));
                check(eq(expected.map(OwnershipModel.Holder::department).orElse(null), answer.getString("department")),
                        "department" + context);
            }
            for (LocalDate asOf : List.of(REGISTERED, LocalDate.parse("2026-09-01"), LocalDate.parse("2030-06-01"))) {
                JsonPath inventory = ok(compliance().queryParam("asOf", asOf.toString()).queryParam("knownAt", k.knownAt())
                        .queryParam("department", departments[0]).get("/inventory"));
                Optional<OwnershipModel.Holder> expected = k.model().holderOn(asOf).filter(h -> h.department().equals(departments[0]));
                List<String> ids = inventory.getList("systems.systemId");
                check(ids.contains(system.toString()) == expected.isPresent(), "inventory of " + departments[0] + " on " + asOf
                        + " as known at " + k.knownAt() + ": expected " + expected + ", got " + ids);
                if (expected.isPresent()) {
                    check(expected.get().owner().equals(inventory.getString("systems[0].owner.id")), "inventory owner on " + asOf);
                }
            }
            diff(system, k, LocalDate.parse("2026-05-15"), LocalDate.parse("2030-06-01"), departments[0]);
            diff(system, k, REGISTERED, LocalDate.parse("2026-09-01"), departments[0]);
        }
    }

    private String lastKnownAt;

    /** Sends the step; the model's next state if the API recorded it (and checks the API refused exactly what the model refuses). */
    private Optional<OwnershipModel> apply(UUID system, OwnershipModel model, Step step, String[] departments, String[] owners) {
        String path = "/ai-systems/" + system;
        if (step instanceof Transfer t) {
            LocalDate on = DATES.get(t.date());
            String department = departments[t.department()];
            String owner = owners[t.owner()];
            Response r = compliance().body(Map.of("toDepartment", department, "toOwner", person(owner, owner), "reason", "step",
                    "effectiveFrom", on.toString())).post(path + "/transfers");
            boolean refused = model.refusesTransfer(on, department, owner);
            check(r.statusCode() == (refused ? 422 : 201), step + ": expected " + (refused ? 422 : 201) + ", got " + r.asString());
            lastKnownAt = refused ? lastKnownAt : r.path("knownAt");
            return refused ? Optional.empty() : Optional.of(model.transferred(r.header("X-Transfer-Id"), on, department, owner));
        }
        List<OwnershipModel.Assertion> live = model.live();
        if (step instanceof Cancel c) {
            List<OwnershipModel.Assertion> transfers = live.stream().filter(a -> !a.registration()).toList();
            if (transfers.isEmpty()) {
                return Optional.empty();
            }
            OwnershipModel.Assertion target = transfers.get(c.target() % transfers.size());
            Response r = compliance().body(Map.of("cancel", true, "reason", "step"))
                    .post(path + "/transfers/" + target.transferId() + "/corrections");
            check(r.statusCode() == 200, step + ": " + r.asString());
            lastKnownAt = r.path("knownAt");
            return Optional.of(model.corrected(target.transferId(), target.effectiveFrom(), target.department(), target.owner(), true));
        }
        Correct c = (Correct) step;
        OwnershipModel.Assertion target = live.get(c.target() % live.size());
        LocalDate on = c.date() < 0 || target.registration() ? target.effectiveFrom() : DATES.get(c.date());
        String owner = c.date() < 0 || target.registration() ? owners[c.owner()] : target.owner();
        Response r = compliance().body(Map.of("owner", person(owner, owner), "effectiveFrom", on.toString(), "reason", "step"))
                .post(path + "/transfers/" + target.transferId() + "/corrections");
        check(r.statusCode() == 200, step + ": " + r.asString());
        lastKnownAt = r.path("knownAt");
        return Optional.of(model.corrected(target.transferId(), on, target.department(), owner, false));
    }

    private static void diff(UUID system, Known k, LocalDate from, LocalDate to, String department) {
        JsonPath diff = ok(compliance().queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("department", department).queryParam("knownAt", k.knownAt()).get("/inventory/diff"));
        Optional<OwnershipModel.Holder> a = k.model().holderOn(from);
        Optional<OwnershipModel.Holder> b = k.model().holderOn(to);
        boolean concerned = a.filter(h -> h.department().equals(department)).isPresent()
                || b.filter(h -> h.department().equals(department)).isPresent();
        boolean added = concerned && a.isEmpty() && b.isPresent();
        boolean changed = concerned && a.isPresent() && b.isPresent() && !a.equals(b);
        String context = " between " + from + " and " + to + " as known at " + k.knownAt() + " (" + a + " -> " + b + ")";
        check(diff.getList("added.systemId").contains(system.toString()) == added, "diff added" + context);
        check(diff.getList("ownershipChanged.systemId").contains(system.toString()) == changed, "diff ownership" + context);
    }

    private static JsonPath ok(Response response) {
        check(response.statusCode() == 200, "read: " + response.asString());
        return response.jsonPath();
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
