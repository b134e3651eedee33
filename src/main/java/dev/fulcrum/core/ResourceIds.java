package dev.fulcrum.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * ALB-shaped identifiers, derived from names so they are stable across restarts: {@code app/<name>/<16 hex>} for
 * the load balancer and {@code arn:aws:elasticloadbalancing:local:000000000000:targetgroup/<name>/<16 hex>} for
 * target groups.
 */
public final class ResourceIds {

    public static final String REGION = "local";
    public static final String ACCOUNT = "000000000000";
    private static final String ARN_PREFIX = "arn:aws:elasticloadbalancing:" + REGION + ":" + ACCOUNT + ":";

    private ResourceIds() {
    }

    /** The {@code elb} field and CloudWatch {@code LoadBalancer} dimension: {@code app/<name>/<16 hex>}. */
    public static String loadBalancerId(String name) {
        return "app/" + name + "/" + hex16("loadbalancer/" + name);
    }

    public static String loadBalancerArn(String name) {
        return ARN_PREFIX + "loadbalancer/" + loadBalancerId(name);
    }

    /** The CloudWatch {@code TargetGroup} dimension: {@code targetgroup/<name>/<16 hex>}. */
    public static String targetGroupId(String loadBalancerName, String targetGroupName) {
        return "targetgroup/" + targetGroupName + "/" + hex16("targetgroup/" + loadBalancerName + "/" + targetGroupName);
    }

    public static String targetGroupArn(String loadBalancerName, String targetGroupName) {
        return ARN_PREFIX + targetGroupId(loadBalancerName, targetGroupName);
    }

    /**
     * An ACM-shaped ARN for a certificate file, {@code arn:aws:acm:local:000000000000:certificate/<uuid>}: the same
     * for the same path across restarts and reloads, as an ACM certificate keeps its ARN when it is re-imported.
     */
    public static String certificateArn(String certificateFile) {
        String hex = hex32("certificate/" + certificateFile);
        return "arn:aws:acm:" + REGION + ":" + ACCOUNT + ":certificate/" + hex.substring(0, 8) + "-"
                + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-"
                + hex.substring(20, 32);
    }

    static String hex16(String seed) {
        return hex32(seed).substring(0, 16);
    }

    private static String hex32(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
