package io.stocksync.workers;

import java.util.Objects;

/**
 * What the workers require of an event besides its item and unit: whether every location must be
 * known ({@code masterdata.locations.required}; otherwise only once the location master has
 * rows), and which sources may take on-hand below zero.
 */
public record MasterDataPolicy(boolean locationsRequired, NegativeOnHandPolicy negativeOnHand) {

  public static final MasterDataPolicy DEFAULT = new MasterDataPolicy(false, NegativeOnHandPolicy.ALLOW);

  public MasterDataPolicy {
    Objects.requireNonNull(negativeOnHand, "negativeOnHand");
  }
}
