package ai.adoption.governance.domain;

import java.util.List;

/**
 * The four dimensions of the AI-scan, each answered on a 1–5 scale whose levels are described in words
 * (README, "The AI-scan"). The descriptions are served by {@code GET /scans/levels}.
 */
public enum ScanDimension {

    DATA("Data", List.of(
            "Data is scattered in files and mailboxes; nobody knows what exists or who owns it",
            "Key data sets are known and have owners, but quality and access are ad hoc",
            "Data is classified (public to personal), documented and reachable for the team's main tasks",
            "Data is of known quality, shared through managed sources, and used for decisions routinely",
            "Data is a managed asset: curated, governed and ready for AI use cases whenever they arise")),
    TECHNOLOGY("Technology", List.of(
            "No AI tools are approved or used; people try things privately",
            "A few tools are tried by individuals; approval and data rules are unclear",
            "Approved tools are available to the team for the data classes it works with",
            "AI tools are part of the team's daily workflows and integrated with its systems",
            "The team chooses, integrates and retires AI tools on its own, within governance")),
    CUSTOMER_FOCUS("Customer focus", List.of(
            "AI is not connected to what customers or citizens need",
            "Some ideas mention customers, but their needs are assumed rather than known",
            "Ideas start from a known customer problem and name the benefit to them",
            "Experiments measure the effect on customers and act on it",
            "Customer needs steer the team's AI portfolio, and results are shared with customers")),
    AI_LITERACY("AI literacy", List.of(
            "Most people have not used AI tools and do not know their limits or risks",
            "Some people use AI tools; few know the rules on data, bias and accountability",
            "Most people have basic training and know what they may use AI for, and with what data",
            "People use AI weekly, share what works, and can judge outputs critically",
            "The team teaches others, experiments continuously and anticipates new uses and risks"));

    public static final int LOWEST = 1;
    public static final int HIGHEST = 5;

    private final String title;
    private final List<String> levels;

    ScanDimension(String title, List<String> levels) {
        this.title = title;
        this.levels = levels;
    }

    public String title() {
        return title;
    }

    /** The description of level 1..5. */
    public String describe(int level) {
        return levels.get(level - 1);
    }
}
